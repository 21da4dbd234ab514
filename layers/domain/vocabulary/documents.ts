import type { Direction } from '../documents/document.ts';
import { incomingStatuses, type IncomingDocument, type SenderRequest } from '../documents/incoming.ts';
import { channels, secrecyLevels, urgencies } from '../documents/metadata.ts';
import type { SeriesKind } from '../documents/numbering.ts';
import { outgoingStatuses, typeNames } from '../documents/outgoing.ts';
import { entry } from './entry.ts';

/**
 * The words of documents (văn bản): their statuses, độ khẩn, độ mật, how they travel, their registers and
 * the requests of their senders, as Nghị định 30/2020/NĐ-CP and the offices name them.
 */

export const incomingStatus = entry(incomingStatuses, 'Trạng thái văn bản đến', {
  arrived: 'Đến',
  returned: 'Trả lại',
  registered: 'Đã vào sổ',
  assigned: 'Đã phân công',
  processing: 'Đang xử lý',
  finished: 'Hoàn thành',
  withdrawn: 'Thu hồi',
});

export const outgoingStatus = entry(outgoingStatuses, 'Trạng thái văn bản đi', {
  draft: 'Dự thảo',
  submitted: 'Đã trình ký',
  approved: 'Đã ký duyệt',
  issued: 'Đã phát hành',
  revoked: 'Thu hồi',
});

/** Độ khẩn (edXML Priority 0–4). */
export const urgency = entry(urgencies, 'Độ khẩn', {
  normal: 'Thường',
  urgent: 'Khẩn',
  'very-urgent': 'Thượng khẩn',
  flash: 'Hỏa tốc',
  'flash-timed': 'Hỏa tốc hẹn giờ',
});

/** Độ mật (Luật Bảo vệ bí mật nhà nước): a secret document holds no content in the system. */
export const secrecy = entry(secrecyLevels, 'Độ mật', {
  none: 'Thường',
  confidential: 'Mật',
  secret: 'Tối mật',
  'top-secret': 'Tuyệt mật',
});

/** How a document arrived or left; the KPI's exchange channels are the same values. */
export const channel = entry(channels, 'Hình thức nhận, gửi văn bản', {
  paper: 'Bản giấy',
  axis: 'Trục liên thông văn bản quốc gia',
  internal: 'Liên thông nội bộ thành phố',
  webhook: 'Kết nối hệ thống khác (webhook)',
  email: 'Thư điện tử',
});

export const documentDirection = entry<Direction>(['incoming', 'outgoing'], 'Văn bản đến hay văn bản đi', {
  incoming: 'Văn bản đến',
  outgoing: 'Văn bản đi',
});

/** Tên loại văn bản (Phụ lục III): the values are already the names the field uses, so each is its own label. */
export const documentType = entry(
  typeNames,
  'Tên loại văn bản (Phụ lục III, Nghị định 30/2020/NĐ-CP)',
  Object.fromEntries(typeNames.map((name) => [name, name])) as Record<(typeof typeNames)[number], string>,
);

/** The series of a số đến: secret documents are numbered in a series of their own. */
export const arrivalSeries = entry<NonNullable<IncomingDocument['arrivalSeries']>>(['main', 'secret'], 'Sổ đăng ký số đến', {
  main: 'Sổ đăng ký văn bản đến',
  secret: 'Sổ đăng ký văn bản mật đến',
});

/** The series an outgoing number belongs to (Điều 15). */
export const numberSeries = entry<SeriesKind>(['administrative', 'legal-normative', 'copy', 'secret'], 'Loại số của văn bản đi', {
  administrative: 'Văn bản hành chính',
  'legal-normative': 'Văn bản quy phạm pháp luật',
  copy: 'Bản sao văn bản',
  secret: 'Văn bản mật',
});

/** The registers of a year (GET /registers): the incoming register and the outgoing series. */
export const registerKind = entry<SeriesKind | 'incoming'>(['incoming', 'administrative', 'legal-normative', 'copy', 'secret'], 'Sổ đăng ký văn bản', {
  incoming: 'Sổ đăng ký văn bản đến',
  administrative: 'Sổ đăng ký văn bản đi',
  'legal-normative': 'Sổ đăng ký văn bản quy phạm pháp luật',
  copy: 'Sổ đăng ký bản sao văn bản',
  secret: 'Sổ đăng ký văn bản mật đi',
});

/** What a sender asks of a document it sent (edXML BussinessDocType 1–3). */
export const senderRequestType = entry<SenderRequest['type']>(['revocation', 'update', 'replacement'], 'Đề nghị của nơi gửi', {
  revocation: 'Thu hồi',
  update: 'Cập nhật',
  replacement: 'Thay thế',
});

/** The receiver's answer to that request (edXML status 15 or 16). */
export const senderRequestDecision = entry<'accept' | 'refuse'>(['accept', 'refuse'], 'Trả lời đề nghị của nơi gửi', {
  accept: 'Đồng ý',
  refuse: 'Từ chối',
});
