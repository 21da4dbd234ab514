import * as z from 'zod';
import { outboundEventTypes } from './endpoint.ts';

/**
 * The delivery log of outbound webhooks: one entry per event and agency, with every attempt. The entry's
 * `id` is the `webhook-id` of every attempt (stable, so the receiver deduplicates retries and replays).
 */
export const attemptSchema = z.object({
  /** 1-based over the entry's whole life (replays continue the count). */
  number: z.number().int().positive(),
  at: z.string(),
  url: z.string(),
  /** The receiver's HTTP status; absent when no answer came (timeout, refused connection). */
  statusCode: z.number().int().optional(),
  /** Always {@link NO_ANSWER} when set: what the network said stays in the server log. */
  error: z.string().optional(),
  durationMs: z.number().int().min(0),
  outcome: z.enum(['delivered', 'retry', 'gone', 'failed']),
});
export type Attempt = z.infer<typeof attemptSchema>;

/**
 * The one reason recorded for an attempt without an HTTP answer, whatever happened (refused address, DNS,
 * refused connection, TLS, timeout): a delivery log that echoed network errors would let an administrator
 * map hosts and ports from our network through the endpoint URL.
 */
export const NO_ANSWER = 'the endpoint did not answer';

export const outboundStatuses = ['pending', 'delivered', 'failed'] as const;

export const outboundDeliverySchema = z.object({
  organId: z.string(),
  id: z.string(),
  type: z.enum(outboundEventTypes),
  /** The exact bytes sent at every attempt (UTF-8 JSON `{type, timestamp, data}`). */
  body: z.string(),
  status: z.enum(outboundStatuses),
  /** Why it failed: the receiver said 410 Gone, retries ran out, or the endpoint was disabled or removed. */
  failure: z.enum(['gone', 'gave-up', 'endpoint-disabled']).optional(),
  attempts: z.array(attemptSchema),
  /** Attempts made since `windowStartedAt` (the retry policy counts these). */
  windowAttempts: z.number().int().min(0),
  windowStartedAt: z.string(),
  nextAttemptAt: z.string().optional(),
  replays: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type OutboundDelivery = z.infer<typeof outboundDeliverySchema>;

/** The `webhookOutbox` message: which entry, and which attempt this message is for. */
export const outboxMessageSchema = z.object({
  organId: z.string().min(1).max(20),
  deliveryId: z.string().min(1).max(256),
  attempt: z.number().int().positive(),
  /** Not before this instant: a wait longer than one SQS delay travels as several hops. */
  notBefore: z.iso.datetime().optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** Attempts kept in an entry; older ones are dropped (the count in `number` goes on). */
export const MAX_KEPT_ATTEMPTS = 50;
