import type { UnitChange } from '../agency/store.ts';
import { unitKinds } from '../agency/unit.ts';
import { fileStatuses, rejectionCodes, type FileVerification } from '../files/file.ts';
import { reportLevels } from '../kpi/report.ts';
import { recordStatuses, type NewRecord } from '../records/record.ts';
import { reminderKinds, reminderStatuses } from '../reminders/reminder.ts';
import type { SignerKind } from '../signing/session.ts';
import { entry } from './entry.ts';

/**
 * The words of the work around documents: files and their signatures, reminders, work records (hồ sơ),
 * reports and the agency directory.
 */

export const fileStatus = entry(fileStatuses, 'Trạng thái tệp đính kèm', {
  pending: 'Đang kiểm tra',
  stored: 'Đã lưu',
  rejected: 'Bị từ chối',
});

export const fileRejection = entry(rejectionCodes, 'Lý do từ chối tệp', {
  'size-mismatch': 'Dung lượng không đúng như đã khai',
  'checksum-mismatch': 'Mã băm (SHA-256) không đúng như đã khai',
  'content-type-mismatch': 'Kiểu tệp không đúng như đã khai',
  'extension-mismatch': 'Phần mở rộng không hợp với kiểu tệp',
  'content-mismatch': 'Nội dung không phải kiểu tệp đã khai',
  'unsupported-type': 'Kiểu tệp không được hỗ trợ',
  'secret-document': 'Văn bản mật không lưu nội dung',
});

/** The verdict of a PDF's signatures (ETSI EN 319 102-1). */
export const signatureVerdict = entry<FileVerification['verdict']>(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'], 'Kết quả kiểm tra chữ ký số', {
  TOTAL_PASSED: 'Hợp lệ',
  TOTAL_FAILED: 'Không hợp lệ',
  INDETERMINATE: 'Chưa xác định được',
});

export const signerKind = entry<SignerKind['kind']>(['client', 'remote'], 'Cách ký số', {
  client: 'Ký bằng thiết bị của người ký (USB token)',
  remote: 'Ký số từ xa',
});

export const signatureKind = entry<'personal' | 'agency'>(['personal', 'agency'], 'Loại chữ ký số', {
  personal: 'Chữ ký số của người có thẩm quyền',
  agency: 'Chữ ký số của cơ quan',
});

/** Nhắc việc. */
export const reminderKind = entry(reminderKinds, 'Loại nhắc việc', {
  'due-soon': 'Sắp đến hạn',
  overdue: 'Quá hạn',
  escalation: 'Báo lãnh đạo đã giao việc',
});

/** Whether a reminder's e-mail went out. */
export const reminderStatus = entry(reminderStatuses, 'Trạng thái gửi nhắc việc', {
  pending: 'Chờ gửi',
  sent: 'Đã gửi',
  skipped: 'Không gửi (chưa có địa chỉ thư)',
  failed: 'Gửi không thành công',
});

/** Hồ sơ công việc. */
export const recordStatus = entry(recordStatuses, 'Trạng thái hồ sơ công việc', {
  open: 'Đang mở',
  closed: 'Đã kết thúc',
});

export const recordMedium = entry<NewRecord['medium']>(['online', 'paper'], 'Hồ sơ xử lý trên môi trường nào', {
  online: 'Hồ sơ điện tử',
  paper: 'Hồ sơ giấy',
});

/** The levels of the city's online-processing targets (90 %, 80 %, 60 %). */
export const reportLevel = entry(reportLevels, 'Cấp chính quyền', {
  city: 'Cấp thành phố',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
});

/** The kinds of agencies of the directory (cơ quan, đơn vị), not the units inside an agency. */
export const agencyKind = entry(unitKinds, 'Loại cơ quan trong danh mục', {
  'people-committee': 'Ủy ban nhân dân',
  'people-council': 'Hội đồng nhân dân',
  department: 'Sở, ban, ngành',
  district: 'Quận, huyện, thị xã',
  commune: 'Phường, xã, thị trấn',
  ministry: 'Bộ, cơ quan ngang bộ',
  agency: 'Cơ quan, tổ chức khác',
  other: 'Khác',
});

/** Where a change of the agency directory came from. */
export const agencyChangeSource = entry<UnitChange['source']>(['api', 'import', 'sample'], 'Nguồn thay đổi danh mục cơ quan', {
  api: 'Cập nhật trên hệ thống',
  import: 'Nhập từ danh mục',
  sample: 'Dữ liệu mẫu',
});
