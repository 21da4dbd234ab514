import * as z from 'zod';
import { paragraphSchema } from '#domain/documents/metadata';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';
import { documentIdParams } from './documents.ts';

type StepUse = Pick<RouteContract, 'permission' | 'ports' | 'sends' | 'grants' | 'runtime'>;

/** A step whose status or request may go back to the sender through the axis (the outbox). */
export const answering = (permission: NonNullable<RouteContract['permission']>): StepUse => ({
  permission,
  ports: ['clock', 'documents', 'ids', 'outbox', 'queue'],
  sends: ['axisOutbox', 'notifications'],
});
/** A step of the agency's own work on a draft: it may tell the people it concerns (the notifications outbox). */
export const internal = (permission: NonNullable<RouteContract['permission']>): StepUse => ({
  permission,
  ports: ['clock', 'documents', 'ids', 'outbox', 'queue'],
  sends: ['notifications'],
});

/** Workflow steps: incoming routing and the outgoing draft → submit → approve → issue chain. */
export const step = <B extends z.ZodType | undefined, R extends z.ZodType>(operationId: string, path: string, summary: string, use: StepUse, body: B, response: R) =>
  defineContract({
    operationId,
    method: 'POST',
    path,
    tag: 'workflow',
    summary,
    auth: 'jwt',
    permission: use.permission,
    ports: use.ports,
    ...(use.sends === undefined ? {} : { sends: use.sends }),
    ...(use.grants === undefined ? {} : { grants: use.grants }),
    ...(use.runtime === undefined ? {} : { runtime: use.runtime }),
    body,
    query: undefined,
    params: documentIdParams,
    response,
    status: 200,
    errors: [400, 401, 403, 404, 409, 422],
  });

export const requestReason = z.object({ reason: paragraphSchema().min(1, 'a reason is required').max(1000) });
