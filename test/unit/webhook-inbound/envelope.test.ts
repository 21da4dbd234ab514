import { describe, expect, it } from 'vitest';
import { arrivalMetadata } from '#app/webhooks/edoc-metadata';
import { readEnvelope } from '#app/webhooks/envelope';
import { UnprocessableError, ValidationError } from '#domain/errors';
import { edocSchema } from '#edxml/model';

const sender = { organId: '000.00.00.G12', organName: 'Bộ Tài chính' };
const edoc = (overrides: Record<string, unknown> = {}) =>
  edocSchema.parse({
    from: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
    documentId: '000.00.00.G12,2026/11/20,15/BTC-NSNN',
    code: { codeNumber: '15', codeNotation: 'BTC-NSNN' },
    promulgationInfo: { promulgationDate: '2026-11-20' },
    documentType: { typeName: 'Công văn' },
    subject: 'Về việc dự toán',
    otherInfo: { priority: 3, pageAmount: 0 },
    dueDate: '2026-12-01',
    ...overrides,
  });

/** The error a call throws (the test fails when it does not throw). */
function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the webhook envelope', () => {
  it('reads document.sent with addressees in either notation, deduplicated', () => {
    // Act
    const envelope = readEnvelope({ type: 'document.sent', data: { to: ['000.00.91.H26', 'H26.91', '000.00.92.H26'], document: edoc() } });
    // Assess
    expect(envelope.type === 'document.sent' && envelope.data.to).toEqual(['000.00.91.H26', '000.00.92.H26']);
  });

  it('reads document.status and normalises the reporting agency', () => {
    // Act
    const envelope = readEnvelope({
      type: 'document.status',
      data: { documentId: '000.00.91.H26,2026/11/26,01/QĐ-UBND', from: 'G12', statusCode: '03', timestamp: '2026-11-26T10:00:00+07:00' },
    });
    // Assess
    expect(envelope).toMatchObject({ type: 'document.status', data: { from: '000.00.00.G12', statusCode: '03' } });
  });

  it.each([
    ['an unknown type', { type: 'document.deleted', data: {} }, ['body.type']],
    ['both edxml and document', { type: 'document.sent', data: { to: ['000.00.91.H26'], edxml: '<x/>', document: edoc() } }, ['body.data.edxml']],
    ['neither edxml nor document', { type: 'document.sent', data: { to: ['000.00.91.H26'] } }, ['body.data.edxml']],
    ['no addressee', { type: 'document.sent', data: { to: [], edxml: '<x/>' } }, ['body.data.to']],
    ['a bad addressee code', { type: 'document.sent', data: { to: ['HANOI'], edxml: '<x/>' } }, ['body.data.to.0']],
    [
      'a DocumentId in another shape',
      { type: 'document.status', data: { documentId: 'abc', from: 'G12', statusCode: '03', timestamp: '2026-11-26T10:00:00+07:00' } },
      ['body.data.documentId'],
    ],
    [
      'an unknown status code and a bare date',
      { type: 'document.status', data: { documentId: '000.00.91.H26,2026/11/26,01/QĐ-UBND', from: 'G12', statusCode: '07', timestamp: '2026-11-26' } },
      ['body.data.statusCode', 'body.data.timestamp'],
    ],
    ['not an object at all', [1, 2, 3], ['body']],
  ])('refuses %s with the path of each problem', (_name, payload, paths) => {
    // Act
    const error = caught(() => readEnvelope(payload));
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual([...paths].sort());
  });
});

describe('the metadata of an arrived document from the edXML model', () => {
  it('maps issuer, number, notation, date, type, subject, urgency and due date', () => {
    // Act
    const metadata = arrivalMetadata(edoc({ signerInfo: { position: 'Thứ trưởng', fullName: 'Nguyễn Văn A' } }), sender, 'body.data.document');
    // Assess
    expect(metadata).toEqual({
      issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
      codeNumber: '15',
      codeNotation: 'BTC-NSNN',
      promulgationDate: '2026-11-20',
      typeName: 'Công văn',
      subject: 'Về việc dự toán',
      signer: { position: 'Thứ trưởng', fullName: 'Nguyễn Văn A' },
      urgency: 'flash',
      secrecy: 'none',
      dueDate: '2026-12-01',
    });
  });

  it('drops a due date before the promulgation date (real packages carry them) and accepts the From in QĐ 20 notation', () => {
    // Act
    const metadata = arrivalMetadata(edoc({ dueDate: '2026-01-01', from: { organId: 'G12' } }), sender, 'body.data.document');
    // Assess
    expect(metadata.dueDate).toBeUndefined();
    expect(metadata.issuer.organName).toBe('Bộ Tài chính');
  });

  it("names the issuer as the directory names the signing agency, not by the package's free text", () => {
    // Act
    const metadata = arrivalMetadata(edoc({ from: { organId: '000.00.00.G12', organName: 'UBND thành phố Hà Nội' } }), sender, 'body.data.document');
    // Assess
    expect(metadata.issuer).toEqual({ organId: '000.00.00.G12', organName: 'Bộ Tài chính' });
  });

  it('refuses a package from another agency than the signer', () => {
    // Act
    const error = caught(() => arrivalMetadata(edoc({ from: { organId: '000.00.00.G09' } }), sender, 'body.data.edxml'));
    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).type).toBe('sender-mismatch');
    expect((error as UnprocessableError).errors).toEqual([{ path: 'body.data.edxml.from.organId', message: 'must be 000.00.00.G12' }]);
  });

  it('names the edXML elements the register cannot do without', () => {
    // Act
    const error = caught(() => arrivalMetadata(edoc({ code: undefined, documentType: {}, subject: undefined }), sender, 'body.data.document'));
    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((e) => e.path).sort()).toEqual([
      'body.data.document.code.codeNotation',
      'body.data.document.code.codeNumber',
      'body.data.document.documentType.typeName',
      'body.data.document.subject',
    ]);
  });
});
