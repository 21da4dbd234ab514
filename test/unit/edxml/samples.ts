/** Sample packages for the edXML tests (sample agency codes, not real data). */
import type { EdocBuildInput } from '#edxml/index';

/** A clean document package: passes a strict build. */
export const sampleEdoc: EdocBuildInput = {
  from: { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội' },
  to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }],
  documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND',
  code: { codeNumber: '15', codeNotation: 'QĐ-UBND' },
  promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
  subject: 'V/v "thử" <nghiệm> & kiểm tra \'liên thông\'',
  traceHeaderList: { traceHeader: [{ organId: '000.00.00.H26', timestamp: '2026-01-05T01:02:03Z' }], bussiness: { bussinessDocType: 0 } },
};

/** A clean 02 (rejected) status package. */
export const sampleStatus = {
  responseFor: { organId: '000.00.00.H26', code: '15/QĐ-UBND', promulgationDate: '2026-01-05', documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND' },
  from: { organId: '000.00.00.G22' },
  statusCode: '02' as const,
  description: 'Gửi nhầm đơn vị',
  timestamp: '2026-01-06T08:00:00+07:00',
};

