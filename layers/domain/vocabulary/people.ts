import { noticeKinds } from '../notifications/notice.ts';
import { unitKinds } from '../people/unit.ts';
import { workBuckets } from '../work/work.ts';
import { entry } from './entry.ts';

/** Đơn vị thuộc cơ quan: the units work is assigned to besides a person (layers/domain/people/unit.ts). */
export const unitKind = entry(unitKinds, 'Loại đơn vị thuộc cơ quan', {
  'van-phong': 'Văn phòng',
  phong: 'Phòng',
  ban: 'Ban',
  to: 'Tổ',
  'trung-tam': 'Trung tâm',
  khac: 'Đơn vị khác',
});

/** Thông báo: what a notice tells (layers/domain/notifications/notice.ts). */
export const noticeKind = entry(noticeKinds, 'Loại thông báo', {
  assigned: 'Được giao xử lý văn bản',
  'urgent-arrived': 'Văn bản hỏa tốc, thượng khẩn đến',
  'approval-requested': 'Dự thảo trình duyệt, ký',
  'draft-returned': 'Dự thảo bị trả lại',
  'ready-to-issue': 'Văn bản chờ cấp số, phát hành',
  'sender-request': 'Đề nghị thu hồi, cập nhật, thay thế văn bản',
  'document-returned': 'Văn bản bị nơi nhận trả lại',
});

/** Việc của tôi: the buckets of GET /work (layers/domain/work/work.ts). */
export const workBucket = entry(workBuckets, 'Nhóm công việc đang chờ xử lý', {
  'to-register': 'Văn bản đến chờ vào sổ',
  'to-assign': 'Văn bản đến chờ phân công',
  'to-approve': 'Dự thảo chờ duyệt, ký',
  'to-issue': 'Văn bản chờ cấp số, phát hành',
  requests: 'Đề nghị thu hồi, cập nhật, thay thế chờ quyết định',
  assigned: 'Văn bản được giao xử lý',
  overdue: 'Văn bản quá hạn xử lý',
  'sent-back': 'Dự thảo bị trả lại',
});

/** Whose work a tile of GET /work counts. */
export const workOwner = entry(['agency', 'me', 'unit'] as const, 'Công việc của ai', {
  agency: 'Của cơ quan (theo vai trò)',
  me: 'Của tôi',
  unit: 'Của đơn vị tôi',
});

/** The kind of an inbox entry. */
export const inboxSource = entry(['notice', 'reminder'] as const, 'Nguồn của thông báo', {
  notice: 'Thông báo công việc',
  reminder: 'Nhắc hạn xử lý',
});

/** Whom a row of the people's KPI report is about: a person, or a unit of the agency. */
export const assigneeKind = entry(['person', 'unit'] as const, 'Cá nhân hay đơn vị', {
  person: 'Cá nhân',
  unit: 'Đơn vị',
});
