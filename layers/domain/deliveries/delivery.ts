import * as z from 'zod';
import { STATUS_CODES } from '#edxml/model';

/**
 * A delivery: one outgoing document on its way to one recipient (nơi nhận), with the status the recipient
 * reports back through edXML status packages (gói tin trạng thái). Statuses and their meanings: DOMAIN.md §5.
 */
export const deliveryChannels = ['internal', 'axis', 'webhook'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** Status codes a recipient reports, as the two-digit strings that travel (01 arrived … 16 revocation refused). */
export const edxmlStatusCodes = Object.keys(STATUS_CODES) as [keyof typeof STATUS_CODES, ...(keyof typeof STATUS_CODES)[]];
export type EdxmlStatusCode = (typeof edxmlStatusCodes)[number];

/** `pending` (not handed to the channel yet), `sent` (handed over), then the edXML codes. */
export const deliveryStatusCodes = ['pending', 'sent', ...edxmlStatusCodes] as const;
export type DeliveryStatusCode = (typeof deliveryStatusCodes)[number];

/** Where a status came from: the channel, and the agency that reported it when it is an agency. */
export const statusSourceSchema = z.object({
  channel: z.enum([...deliveryChannels, 'system']),
  organId: z.string().optional(),
});
export type StatusSource = z.infer<typeof statusSourceSchema>;

/** One reported status, kept even when it arrived out of order and did not move the delivery's status. */
export const statusEntrySchema = z.object({
  code: z.enum(deliveryStatusCodes),
  /** When the reporter says it happened (the package's Timestamp). */
  at: z.string(),
  /** Required for 02 (the reason), ≤ 1,000 characters. */
  description: z.string().max(1000).optional(),
  source: statusSourceSchema,
  /** When we recorded it. */
  recordedAt: z.string(),
  /** Whether it moved `status`; false for an out-of-order or no-longer-allowed report. */
  applied: z.boolean(),
});
export type StatusEntry = z.infer<typeof statusEntrySchema>;

/**
 * The edXML DocumentId, `OrganId,YYYY/MM/DD,Number/Notation` (e.g. `000.00.91.H26,2026/11/26,01/QĐ-UBND`):
 * how a status package names the document it reports on.
 */
export const edxmlDocumentIdSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^,]+,\d{4}\/\d{2}\/\d{2},[^,/]+\/[^,]+$/, 'expected an edXML DocumentId "OrganId,YYYY/MM/DD,Number/Notation"');

export const deliverySchema = z.object({
  /** The outgoing document (its id in this system). */
  documentId: z.string(),
  /** The agency that sends it: the document's owner. */
  senderOrgId: z.string(),
  recipient: z.object({ organId: z.string(), organName: z.string() }),
  channel: z.enum(deliveryChannels),
  edxmlDocumentId: edxmlDocumentIdSchema,
  status: z.enum(deliveryStatusCodes),
  history: z.array(statusEntrySchema),
  /** Hand-over attempts on the channel (axis sends, webhook posts). */
  attempts: z.number().int().min(0),
  /**
   * Why the delivery cannot go on, said loudly instead of guessed: e.g. `identity-collision` when the
   * recipient already holds another document under this one's delivery, or a status package that names
   * more than one document.
   */
  problem: z.object({ code: z.string(), message: z.string(), at: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/**
 * A new delivery, `pending`, with an empty history.
 *
 * @example
 * newDelivery({ documentId, senderOrgId: '000.00.91.H26', recipient: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
 *   channel: 'webhook', edxmlDocumentId: '000.00.91.H26,2026/11/26,01/QĐ-UBND' }, now);
 */
export function newDelivery(input: Pick<Delivery, 'documentId' | 'senderOrgId' | 'recipient' | 'channel' | 'edxmlDocumentId'>, now: Date): Delivery {
  const at = now.toISOString();
  return { ...input, status: 'pending', history: [], attempts: 0, createdAt: at, updatedAt: at, version: 1 };
}
