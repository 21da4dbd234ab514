import type { components, paths } from '../../api/schema.ts';

/** The shapes of the documents screens, all taken from the generated API types (never written by hand). */
export type DocumentView = paths['/documents/{id}']['get']['responses'][200]['content']['application/json'];
export type IncomingDocument = Extract<DocumentView, { direction: 'incoming' }>;
export type OutgoingDocument = Extract<DocumentView, { direction: 'outgoing' }>;
export type ListedDocument = paths['/documents']['get']['responses'][200]['content']['application/json']['items'][number];
export type DocumentListQuery = NonNullable<paths['/documents']['get']['parameters']['query']>;
export type DocumentStatus = NonNullable<DocumentListQuery['status']>;
export type IncomingStatus = IncomingDocument['status'];
export type OutgoingStatus = OutgoingDocument['status'];
export type Urgency = IncomingDocument['urgency'];
export type Secrecy = IncomingDocument['secrecy'];
export type Channel = IncomingDocument['channel'];
export type IncomingRegistration = paths['/documents/incoming']['post']['requestBody']['content']['application/json'];
export type RegisteredDocument = paths['/documents/incoming']['post']['responses'][201]['content']['application/json'];
export type AssignmentRequest = paths['/documents/{id}/assignments']['post']['requestBody']['content']['application/json'];
export type AssigneeChoice = AssignmentRequest['lead'];
export type Assignment = NonNullable<IncomingDocument['assignment']>;
export type AssignedTo = Assignment['lead'];
export type FileView = paths['/documents/{id}/files']['get']['responses'][200]['content']['application/json']['items'][number];
export type HistoryEntry = paths['/documents/{id}/history']['get']['responses'][200]['content']['application/json']['items'][number];
export type Delivery = paths['/documents/{id}/deliveries']['get']['responses'][200]['content']['application/json']['items'][number];
export type Person = paths['/users']['get']['responses'][200]['content']['application/json']['items'][number];
export type Unit = paths['/agencies/{organId}/units']['get']['responses'][200]['content']['application/json']['items'][number];
export type Problem = components['schemas']['Problem'];

/** Every value of each enum, in the order to list them (typed against the API: a value it lacks does not compile). */
export const incomingStatuses = ['arrived', 'registered', 'assigned', 'processing', 'finished', 'returned', 'withdrawn'] as const satisfies readonly IncomingStatus[];
export const outgoingStatuses = ['draft', 'submitted', 'approved', 'issued', 'revoked'] as const satisfies readonly OutgoingStatus[];
export const urgencies = ['normal', 'urgent', 'very-urgent', 'flash', 'flash-timed'] as const satisfies readonly Urgency[];
export const secrecyLevels = ['none', 'confidential', 'secret', 'top-secret'] as const satisfies readonly Secrecy[];
export const channels = ['paper', 'axis', 'internal', 'webhook', 'email'] as const satisfies readonly Channel[];
/** The document types of Nghị định 30 (Phụ lục III), as the API names them. */
export const documentTypes = [
  'Công văn',
  'Quyết định',
  'Thông báo',
  'Kế hoạch',
  'Báo cáo',
  'Tờ trình',
  'Giấy mời',
  'Nghị quyết',
  'Chỉ thị',
  'Quy chế',
  'Quy định',
  'Thông cáo',
  'Hướng dẫn',
  'Chương trình',
  'Phương án',
  'Đề án',
  'Dự án',
  'Biên bản',
  'Hợp đồng',
  'Công điện',
  'Bản ghi nhớ',
  'Bản thỏa thuận',
  'Giấy ủy quyền',
  'Giấy giới thiệu',
  'Giấy nghỉ phép',
  'Phiếu gửi',
  'Phiếu chuyển',
  'Phiếu báo',
  'Bản sao y',
  'Bản trích sao',
  'Bản sao lục',
  'Thư công',
] as const satisfies readonly OutgoingDocument['typeName'][];

export function isIncomingStatus(value: string): value is IncomingStatus {
  return (incomingStatuses as readonly string[]).includes(value);
}

export function isDocumentStatus(value: string): value is DocumentStatus {
  return isIncomingStatus(value) || (outgoingStatuses as readonly string[]).includes(value);
}
