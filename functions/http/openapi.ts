import { openapiContract } from '#http/operations/openapi';
import { openApiDocument } from '#http/openapi';
import { httpRoute } from '#http/route';
import { serviceVersion } from '#observability/log';

/**
 * Only the local runtime configures a development token issuer (infra/local/runtime.ts), and only there
 * is POST /dev/token served; everywhere else, AWS included, the document lists the deployed routes.
 */
const servedBy = process.env.VANTHU_DEV_JWT_ISSUER === undefined ? 'aws' : 'local';
const document = openApiDocument({ version: serviceVersion(), servedBy });

/** GET /openapi.json */
export const handler = httpRoute(openapiContract, {}, async () => document);
