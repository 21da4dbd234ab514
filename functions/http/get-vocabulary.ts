import { createHash } from 'node:crypto';
import { vocabulary } from '#domain/vocabulary/index';
import { getVocabularyContract } from '#http/operations/get-vocabulary';
import { httpRoute } from '#http/route';

/** The same for every caller and request until the next release: serialised once, with its ETag. */
const body = JSON.stringify(vocabulary);
const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** GET /vocabulary */
export const handler = httpRoute(getVocabularyContract, {}, async ({ correlationId }) => ({
  $response: {
    statusCode: getVocabularyContract.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': correlationId, etag, 'cache-control': 'private, max-age=3600' },
    body,
  },
}));
