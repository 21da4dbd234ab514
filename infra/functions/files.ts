import type { FunctionDefinition } from '../definitions.ts';

/**
 * The functions of the files area (appended to `functions` in infra/definitions.ts). Presigned URLs act
 * with the signer's rights: the upload function needs bucket write, the reader bucket read.
 */
export const fileFunctions: readonly FunctionDefinition[] = [
  {
    name: 'create-file-upload',
    entry: 'functions/http/create-file-upload.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/documents/{id}/files', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite', bucket: 'readwrite' },
  },
  {
    name: 'list-files',
    entry: 'functions/http/list-files.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/documents/{id}/files', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'get-file',
    entry: 'functions/http/get-file.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/documents/{id}/files/{fileId}', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read', bucket: 'read' },
  },
  {
    name: 'file-uploaded',
    entry: 'functions/queue/file-uploaded.ts',
    // Streams each object through SHA-256; memory is for the PDF verifier that will run here too.
    trigger: { kind: 'queue', queue: 'fileUploaded', batchSize: 5 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    // readwrite: the verifier stores its evidence (certificates, revocation data) under evidence/
    access: { table: 'readwrite', bucket: 'readwrite' },
  },
];
