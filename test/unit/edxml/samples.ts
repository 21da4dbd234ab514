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

/**
 * A document package with every field the model carries, identifiers as real traffic uses them (a QĐ 20
 * code, an enterprise id of 12 digits) and a hop with only a Timestamp: passes a strict build.
 */
export const fullEdoc: EdocBuildInput = {
  from: {
    organId: '000.00.00.H26',
    organizationInCharge: 'Chủ tịch (MẪU)',
    organName: 'UBND thành phố (MẪU)',
    organAdd: 'Số 1 phố Mẫu',
    email: 'vanthu@example.vn',
    telephone: '0240000000',
    fax: '0240000001',
    website: 'example.vn',
  },
  to: [
    { organId: 'G12', organName: 'Bộ mẫu (MẪU)' },
    { organId: '010203040506', organName: 'Công ty mẫu (MẪU)' },
  ],
  documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND',
  code: { codeNumber: '15', codeNotation: 'QĐ-UBND' },
  promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
  documentType: { type: 1, typeDetail: 2, typeName: 'Quyết định' },
  subject: 'V/v thử nghiệm liên thông (MẪU)',
  content: 'Nội dung mẫu',
  signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Mẫu' },
  dueDate: '2026-02-01',
  otherInfo: {
    priority: 1,
    sphereOfPromulgation: 'Toàn thành phố',
    typerNotation: 'NVM',
    promulgationAmount: 10,
    pageAmount: 3,
    replyFors: '7/BTC',
    direction: true,
    referenceCodes: 'HS-2026-001',
    appendixes: ['Phụ lục I', 'Phụ lục II'],
  },
  responseFor: [{ organId: '010203040506', code: '7/CV-MAU', documentId: '010203040506,2025/12/01,7/CV-MAU', promulgationDate: '2025-12-01' }],
  steeringType: 1,
  responseForTask: ['NV-2026-01', 'NV-2026-02'],
  applicationType: '1',
  toPlaces: ['Các sở (MẪU)', 'Lưu: VT'],
  traceHeaderList: {
    id: '1',
    version: '1.0',
    paper: '0',
    traceHeader: [{ organId: '000.00.00.H26', timestamp: '2026-01-05T08:00:00+07:00' }, { timestamp: '2026-01-05T08:00:05+07:00' }],
    bussiness: {
      documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND',
      bussinessDocType: 2,
      bussinessDocReason: 'Cập nhật nơi nhận',
      paper: 0,
      bussinessDocumentInfo: [
        {
          documentInfo: 1,
          documentReceiver: 1,
          receiverList: [
            { organId: '000.00.00.G12', receiverType: 1 },
            { organId: '000.00.00.G22', receiverType: 0 },
          ],
        },
      ],
      replacementInfoList: [{ documentId: '000.00.00.H26,2026/01/04,14/QĐ-UBND', organIdList: ['000.00.00.G12'] }],
      staffInfo: [{ department: 'Văn phòng', departmentId: 'VP', staff: 'Trần Văn Mẫu', staffId: '77', email: 'mau@example.vn', mobile: '84900000002' }, { staff: 'Lê Thị Mẫu' }],
    },
  },
};
