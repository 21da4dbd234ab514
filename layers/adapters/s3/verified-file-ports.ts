import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FilePorts } from '#domain/files/ports';
import { systemClock } from '#domain/ports';
import { s3Client } from '../aws/s3-client.ts';
import { required } from '../config.ts';
import { env } from '../environment.ts';
import { SignaturePdfVerifier } from '../signature/pdf-verifier.ts';
import { stageParameters } from '../ports/stage-parameters.ts';
import { trustAnchorsOf } from '../parameters/trust-anchors.ts';
import { filePorts } from './file-ports.ts';

/**
 * The files adapters with the PDF verifier (layers/signature), for the function that checks uploads and
 * verifies received PDFs, against the stage's trust anchors (SSM parameters under `signing/trust-anchors`;
 * none configured: every signature is INDETERMINATE, never passed).
 *
 * @example
 * const files = verifiedFilePorts(dynamoDocumentClient(), required(env.tableName));
 */
export function verifiedFilePorts(client: DynamoDBDocumentClient, tableName: string): FilePorts {
  const ports = filePorts(client, tableName);
  return {
    ...ports,
    // The parameters are read when the first PDF is verified: a function that only reads files needs none.
    pdfVerifier: new SignaturePdfVerifier({ trustAnchors: () => trustAnchorsOf(stageParameters()), clock: systemClock, s3: s3Client, bucket: () => required(env.bucketName) }),
  };
}
