import * as z from 'zod';
import { paragraphSchema } from '#domain/documents/metadata';
import { outgoingDraftChangesSchema, outgoingDraftSchema } from '#domain/documents/outgoing';
import { assignmentInputSchema, completeInputSchema, progressInputSchema, returnInputSchema } from '#domain/documents/routing';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';
import { documentIdParams, incomingDocumentSchema, outgoingDocumentSchema } from './documents.ts';

type StepUse = Pick<RouteContract, 'permission' | 'ports' | 'sends'>;

/** A step whose status or request may go back to the sender through the axis (the outbox). */
const answering = (permission: NonNullable<RouteContract['permission']>): StepUse => ({ permission, ports: ['clock', 'documents', 'ids', 'outbox', 'queue'], sends: ['axisOutbox'] });
/** A step of the agency's own work on a draft. */
const internal = (permission: NonNullable<RouteContract['permission']>): StepUse => ({ permission, ports: ['clock', 'documents'] });

/** Workflow steps: incoming routing and the outgoing draft → submit → approve → issue chain. */
const step = <B extends z.ZodType | undefined, R extends z.ZodType>(operationId: string, path: string, summary: string, use: StepUse, body: B, response: R) =>
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
    body,
    query: undefined,
    params: documentIdParams,
    response,
    status: 200,
    errors: [400, 401, 403, 404, 409, 422],
  });

export const registerArrivedContract = step('registerArrived', '/documents/{id}/register', 'Register an arrived document (01 → 03): gives the next số đến', answering('document.register-incoming'), undefined, incomingDocumentSchema);
export const returnContract = step('returnIncoming', '/documents/{id}/return', 'Return an incoming document with a reason (status 02)', answering('document.return'), returnInputSchema, incomingDocumentSchema);
export const assignContract = step(
  'assignIncoming',
  '/documents/{id}/assignments',
  'Assign (or reassign/forward): one lead unit or person, coordinators, for-information, deadline, note (status 04)',
  answering('document.assign'),
  assignmentInputSchema,
  incomingDocumentSchema,
);
export const progressContract = step('progressIncoming', '/documents/{id}/progress', 'A progress note by an assignee (status 05)', answering('document.progress'), progressInputSchema, incomingDocumentSchema);
export const completeContract = step('completeIncoming', '/documents/{id}/complete', 'Finish processing, optionally naming the reply document (status 06)', answering('document.complete'), completeInputSchema, incomingDocumentSchema);
export const submitContract = step('submitOutgoing', '/documents/{id}/submit', 'Submit a draft for approval', internal('document.submit'), undefined, outgoingDocumentSchema);
export const approveContract = step('approveOutgoing', '/documents/{id}/approve', 'Approve a submitted document (the leader signs)', internal('document.approve'), undefined, outgoingDocumentSchema);
export const rejectContract = step('rejectOutgoing', '/documents/{id}/reject', 'Send a submitted or approved document back to draft, with a reason', internal('document.approve'), returnInputSchema, outgoingDocumentSchema);
export const issueContract = step(
  'issueOutgoing',
  '/documents/{id}/issue',
  "Issue: gives the number and notation from the document's series with the agency's ký hiệu (15/QĐ-UBND, 05/UBND-VX, 15/2026/QĐ-UBND); the body may set Số lượng bản",
  { permission: 'document.issue', ports: ['clock', 'documents', 'files', 'ids', 'numbering', 'outbox', 'queue', 'signaturePolicy'], sends: ['axisOutbox'] },
  z.object({ promulgationAmount: z.number().int().min(1).max(10_000).optional().describe('Số lượng bản (edXML PromulgationAmount)') }).optional(),
  outgoingDocumentSchema,
);

const requestReason = z.object({ reason: paragraphSchema().min(1, 'a reason is required').max(1000) });
export const revokeContract = step('revokeOutgoing', '/documents/{id}/revoke', 'Revoke (thu hồi) an issued document: frozen, and BussinessDocType 1 goes to every recipient (status 13)', answering('document.issue'), requestReason, outgoingDocumentSchema);
export const updateContract = step('updateOutgoing', '/documents/{id}/update', 'Send an update (cập nhật, BussinessDocType 2) of an issued document to its recipients', answering('document.issue'), requestReason, outgoingDocumentSchema);
export const replaceContract = step(
  'replaceOutgoing',
  '/documents/{id}/replace',
  'Replace (thay thế, BussinessDocType 3) an issued document by another issued one',
  answering('document.issue'),
  requestReason.extend({ replacementDocumentId: z.string().regex(/^[0-9A-Z]{26}$/, 'expected a document id') }),
  outgoingDocumentSchema,
);
export const decideRequestContract = step(
  'decideSenderRequest',
  '/documents/{id}/request-decision',
  "Accept (15) or refuse (16) the sender's revocation, update or replacement; an accepted revocation withdraws the document and keeps it",
  answering('document.register-incoming'),
  z.object({ decision: z.enum(['accept', 'refuse']), note: paragraphSchema().max(1000).optional() }),
  incomingDocumentSchema,
);

export const editDraftContract = defineContract({
  operationId: 'editDraft',
  method: 'PUT',
  path: '/documents/{id}/draft',
  tag: 'workflow',
  summary: 'Edit a draft (or a document sent back to draft): the fields given replace the old ones',
  auth: 'jwt',
  permission: 'document.draft',
  ports: ['clock', 'documents', 'files'],
  body: outgoingDraftChangesSchema,
  query: undefined,
  params: documentIdParams,
  response: outgoingDocumentSchema,
  status: 200,
  errors: [400, 401, 403, 404, 409],
});

export const createOutgoingContract = defineContract({
  operationId: 'createOutgoing',
  method: 'POST',
  path: '/documents/outgoing',
  tag: 'workflow',
  summary: 'Create an outgoing draft (văn bản đi); recipients are agencies by code plus free-text places (nơi nhận)',
  auth: 'jwt',
  permission: 'document.draft',
  ports: ['clock', 'documents', 'ids'],
  body: outgoingDraftSchema,
  query: undefined,
  params: undefined,
  response: outgoingDocumentSchema,
  status: 201,
  errors: [400, 401, 403, 409, 422],
});

export const workflowContracts: readonly RouteContract[] = [
  createOutgoingContract,
  editDraftContract,
  registerArrivedContract,
  returnContract,
  assignContract,
  progressContract,
  completeContract,
  submitContract,
  approveContract,
  rejectContract,
  issueContract,
  revokeContract,
  updateContract,
  replaceContract,
  decideRequestContract,
];
