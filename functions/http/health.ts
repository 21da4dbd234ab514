import { healthContract } from '#http/operations/health';
import { httpRoute } from '#http/route';
import { serviceVersion } from '#observability/log';

/** GET /health */
export const handler = httpRoute(healthContract, {}, async () => ({ status: 'ok' as const, version: serviceVersion() }));
