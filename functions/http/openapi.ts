import { openapiContract } from '#http/contracts/system';
import { openApiDocument } from '#http/openapi';
import { httpRoute } from '#http/route';

const document = openApiDocument(process.env.VANTHU_VERSION ?? 'dev');

/** GET /openapi.json */
export const handler = httpRoute(openapiContract, async () => document);
