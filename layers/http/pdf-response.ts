import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A PDF answered inline stays below Lambda's 6 MB response once base64-encoded (4/3 of its size). */
export const INLINE_PDF_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A PDF download through httpRoute's raw-response escape hatch: inline (base64) when it fits a Lambda
 * response, else stored by `overflow` and answered 303 See Other with a short-lived download address.
 */
export async function pdfResponse(
  fileName: string,
  bytes: Uint8Array,
  correlationId: string,
  overflow: (bytes: Uint8Array) => Promise<string>,
): Promise<{ $response: APIGatewayProxyStructuredResultV2 }> {
  if (bytes.byteLength > INLINE_PDF_MAX_BYTES) {
    const location = await overflow(bytes);
    return { $response: { statusCode: 303, headers: { location, 'x-correlation-id': correlationId }, body: '' } };
  }
  return {
    $response: {
      statusCode: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}"`, 'x-correlation-id': correlationId },
      body: Buffer.from(bytes).toString('base64'),
      isBase64Encoded: true,
    },
  };
}
