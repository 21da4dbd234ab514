import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FilePorts } from '#domain/files/ports';
import { systemClock } from '#domain/ports';
import { s3Client } from '../aws/s3-client.ts';
import { required } from '../config.ts';
import { env } from '../environment.ts';
import { SignaturePdfVerifier, trustAnchorsFromEnvironment } from '../signature/pdf-verifier.ts';
import { filePorts } from './file-ports.ts';

/**
 * The files adapters with the PDF verifier (layers/signature), for the function that checks uploads and
 * verifies received PDFs: PDFs are verified when trust anchors are configured (VANTHU_TRUST_ANCHORS or
 * VANTHU_TRUST_ANCHORS_FILE).
 *
 * @example
 * const files = verifiedFilePorts(dynamoDocumentClient(), required(env.tableName));
 */
export function verifiedFilePorts(client: DynamoDBDocumentClient, tableName: string): FilePorts {
  const ports = filePorts(client, tableName);
  const trustAnchors = trustAnchorsFromEnvironment();
  if (trustAnchors === undefined) return ports;
  return { ...ports, pdfVerifier: new SignaturePdfVerifier({ trustAnchors, clock: systemClock, s3: s3Client, bucket: () => required(env.bucketName) }) };
}
