import type { FunctionDefinition } from '../definitions.ts';
import { api } from './api.ts';

/**
 * The functions of the records area (work records, hồ sơ công việc), appended to `functions` in
 * infra/definitions.ts.
 */
export const recordFunctions: readonly FunctionDefinition[] = [
  api('create-record', [{ method: 'POST', path: '/records', auth: 'jwt' }], { table: 'readwrite' }),
  api('list-records', [{ method: 'GET', path: '/records', auth: 'jwt' }], { table: 'read' }),
  api('get-record', [{ method: 'GET', path: '/records/{id}', auth: 'jwt' }], { table: 'read' }),
  api('add-record-document', [{ method: 'POST', path: '/records/{id}/documents', auth: 'jwt' }], { table: 'readwrite' }),
  api('close-record', [{ method: 'POST', path: '/records/{id}/close', auth: 'jwt' }], { table: 'readwrite' }),
  api('export-record', [{ method: 'GET', path: '/records/{id}/export', auth: 'jwt' }], { table: 'read' }),
  api('document-records', [{ method: 'GET', path: '/documents/{id}/records', auth: 'jwt' }], { table: 'read' }),
];
