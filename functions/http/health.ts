import { healthContract } from '#http/operations/health';
import { httpRoute } from '#http/route';

/** GET /health */
export const handler = httpRoute(healthContract, {}, async () => ({ status: 'ok' as const, version: process.env.VANTHU_VERSION ?? 'dev' }));
