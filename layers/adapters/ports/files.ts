import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { filePorts } from '../s3/file-ports.ts';
import { tableName } from './table.ts';

/** The `files` port without the PDF verifier: file items in the table, contents in the bucket. */
export const files = (): Dependencies['files'] => filePorts(dynamoDocumentClient(), tableName());
