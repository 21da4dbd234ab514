import type { FunctionDefinition } from '../definitions.ts';

/**
 * The functions of the records area (work records, hồ sơ công việc), appended to `functions` in
 * infra/definitions.ts. Plain literals: this module must not call helpers of definitions.ts, which imports it.
 */
export const recordFunctions: readonly FunctionDefinition[] = [
  {
    name: 'create-record',
    entry: 'functions/http/create-record.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/records', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite' },
  },
  {
    name: 'list-records',
    entry: 'functions/http/list-records.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/records', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'get-record',
    entry: 'functions/http/get-record.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/records/{id}', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'add-record-document',
    entry: 'functions/http/add-record-document.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/records/{id}/documents', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite' },
  },
  {
    name: 'close-record',
    entry: 'functions/http/close-record.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/records/{id}/close', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite' },
  },
  {
    name: 'export-record',
    entry: 'functions/http/export-record.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/records/{id}/export', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'document-records',
    entry: 'functions/http/document-records.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/documents/{id}/records', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
];
