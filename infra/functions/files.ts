import type { FunctionDefinition } from '../definitions.ts';
import { api } from './api.ts';

/**
 * The functions of the files area (appended to `functions` in infra/definitions.ts). Presigned URLs act
 * with the signer's rights: the upload function needs bucket write, the reader bucket read.
 */
export const fileFunctions: readonly FunctionDefinition[] = [
  api('create-file-upload', [{ method: 'POST', path: '/documents/{id}/files', auth: 'jwt' }], { table: 'readwrite', bucket: 'readwrite' }),
  api('list-files', [{ method: 'GET', path: '/documents/{id}/files', auth: 'jwt' }], { table: 'read' }),
  api('get-file', [{ method: 'GET', path: '/documents/{id}/files/{fileId}', auth: 'jwt' }], { table: 'read', bucket: 'read' }),
  api('get-received-package', [{ method: 'GET', path: '/documents/{id}/package', auth: 'jwt' }], { table: 'read', bucket: 'read' }),
  {
    name: 'file-uploaded',
    entry: 'functions/queue/file-uploaded.ts',
    // Streams each object through SHA-256; memory is for the PDF verifier that will run here too.
    trigger: { kind: 'queue', queue: 'fileUploaded', batchSize: 5 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    // readwrite: the verifier stores its evidence (certificates, revocation data) under evidence/
    // destroysSecretContent: an upload whose document became secret on the way is destroyed, not kept.
    access: { table: 'readwrite', bucket: 'readwrite', destroysSecretContent: true },
  },
];
