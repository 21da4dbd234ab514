import { deliveryChannels, deliveryStatusCodes, type StatusSource } from '../deliveries/delivery.ts';
import type { EndpointView } from '../webhook-keys/endpoint.ts';
import type { WebhookKeyView } from '../webhook-keys/key.ts';
import { outboundStatuses, type Attempt, type OutboundDelivery } from '../webhook-keys/outbound.ts';
import { channel } from './documents.ts';
import { entry, pick } from './entry.ts';

/**
 * The words of exchange (liên thông văn bản): the deliveries of a sent document and the statuses its
 * recipients report (edXML 01–16), and the signed webhooks of agencies outside the city.
 */

export const deliveryChannel = entry(deliveryChannels, 'Kênh gửi văn bản đến nơi nhận', pick(channel.labels, deliveryChannels));

/** Who reported a delivery's status: the channel, or vanthu itself. */
export const statusSource = entry<StatusSource['channel']>([...deliveryChannels, 'system'], 'Nguồn của trạng thái', {
  ...pick(channel.labels, deliveryChannels),
  system: 'Hệ thống quản lý văn bản',
});

/** The status codes as they travel sort the integer-like ones first (`13` before `01`); a list shows them in number order. */
const reportedOrder = [...deliveryStatusCodes].sort((a, b) => rank(a) - rank(b));
function rank(code: string): number {
  return /^\d+$/.test(code) ? Number(code) : deliveryStatusCodes.indexOf(code as (typeof deliveryStatusCodes)[number]) - deliveryStatusCodes.length;
}

/** A delivery's status: not yet handed over, handed over, then what the recipient reports (edXML StatusCode). */
export const deliveryStatus = entry(reportedOrder, 'Trạng thái văn bản đã gửi tại nơi nhận', {
  pending: 'Chưa gửi',
  sent: 'Đã gửi',
  '01': 'Đã đến',
  '02': 'Từ chối, trả lại',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Đề nghị thu hồi',
  '15': 'Đồng ý thu hồi, cập nhật',
  '16': 'Từ chối thu hồi, cập nhật',
});

/** The events of webhooks, received (`document.sent`, `document.status`) and sent (`document.status`). */
export const webhookEvent = entry<'document.sent' | 'document.status'>(['document.sent', 'document.status'], 'Sự kiện webhook', {
  'document.sent': 'Gửi văn bản',
  'document.status': 'Trạng thái xử lý văn bản',
});

export const webhookKeyKind = entry<WebhookKeyView['kind']>(['hmac', 'ed25519'], 'Loại khóa ký webhook', {
  hmac: 'Khóa bí mật dùng chung (HMAC)',
  ed25519: 'Khóa công khai (Ed25519)',
});

export const webhookKeyStatus = entry<WebhookKeyView['status']>(['active', 'revoked'], 'Trạng thái khóa ký webhook', {
  active: 'Đang dùng',
  revoked: 'Đã thu hồi',
});

export const webhookEndpointStatus = entry<EndpointView['status']>(['active', 'disabled'], 'Trạng thái địa chỉ nhận webhook', {
  active: 'Đang hoạt động',
  disabled: 'Đã tắt',
});

export const webhookDeliveryStatus = entry(outboundStatuses, 'Trạng thái gửi webhook', {
  pending: 'Đang gửi',
  delivered: 'Đã chuyển',
  failed: 'Không gửi được',
});

export const webhookAttemptOutcome = entry<Attempt['outcome']>(['delivered', 'retry', 'gone', 'failed'], 'Kết quả một lần gửi webhook', {
  delivered: 'Đã chuyển',
  retry: 'Sẽ gửi lại',
  gone: 'Nơi nhận không còn nhận (410)',
  failed: 'Không gửi được',
});

export const webhookDeliveryFailure = entry<NonNullable<OutboundDelivery['failure']>>(['gone', 'gave-up', 'endpoint-disabled'], 'Lý do không gửi được webhook', {
  gone: 'Nơi nhận không còn nhận (410)',
  'gave-up': 'Đã gửi lại hết số lần cho phép',
  'endpoint-disabled': 'Địa chỉ nhận đã tắt',
});
