import type { Document } from '#domain/documents/document';
import type { AxisMessage, OutboxEntry } from '#domain/outbox';
import type { Dependencies } from '../context.ts';
import { outboxEntry } from '../outbox/relay.ts';

/** The edXML status code each incoming status is reported to the sender with. */
const STATUS_CODES = { arrived: '01', returned: '02', registered: '03', assigned: '04', processing: '05', finished: '06' } as const;

/**
 * The status package an incoming document's sender is owed after a change (01–06): only for documents
 * that came from another system through the axis or from another agency of the city, and only when the
 * status moved. Webhook senders are told through their own endpoint (layers/app/webhooks).
 */
export function statusNotice(deps: Pick<Dependencies, 'ids' | 'clock'>, before: Document | null, after: Document): OutboxEntry[] {
  if (after.direction !== 'incoming' || after.source === undefined) return [];
  if (after.source.channel !== 'axis' && after.source.channel !== 'internal') return [];
  if (before !== null && before.status === after.status && after.status !== 'processing') return [];
  const statusCode = STATUS_CODES[after.status as keyof typeof STATUS_CODES];
  if (statusCode === undefined) return [];
  const description =
    after.status === 'returned' ? (after.returned?.reason ?? 'Trả lại') : after.status === 'processing' ? (after.progress?.lastNote ?? 'Đang xử lý') : describe(statusCode);
  const body: AxisMessage = { kind: 'send-status', documentId: after.id, statusCode, description };
  return [outboxEntry(deps, 'axisOutbox', after.id, body)];
}

function describe(code: string): string {
  return { '01': 'Đã đến', '03': 'Đã tiếp nhận', '04': 'Đã phân công xử lý', '06': 'Đã hoàn thành' }[code] ?? code;
}
