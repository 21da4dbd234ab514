import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { verifiedFilePorts } from '../s3/verified-file-ports.ts';
import { tableName } from './table.ts';

/** The `files` port with the PDF verifier (the file checker's): the signature layer comes with it. */
export const files = (): Dependencies['files'] => verifiedFilePorts(dynamoDocumentClient(), tableName());
