/**
 * The structures real axis traffic uses (issue 13): status packages in the MessageHeader form, identifiers
 * that are not QCVN 102 codes, hops without OrganId, the SDK's element order and the fields real packages
 * carry. Fixtures are SAMPLE packages written here in those structures; docs/EDXML.md says how they were
 * checked against the government SDK's own parser (test/integration/axis-sdk-oracle.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEdocToBuffer, buildStatus, parseEdxml, type ParsedEdoc } from '#edxml/index';
import { fullEdoc, sampleStatus } from './samples.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** The local names of the children of the first `parent` element, in document order (our writer's indented output). */
function childOrder(xml: string, parent: string): string[] {
  const start = xml.indexOf(`<edXML:${parent}>`);
  const end = xml.indexOf(`</edXML:${parent}>`, start);
  const block = xml.slice(start, end);
  const indent = /\n( *)<edXML:/.exec(block)?.[1] ?? '';
  return [...block.matchAll(new RegExp(`\\n${indent}<edXML:(\\w+)`, 'g'))].map((m) => m[1] ?? '');
}

describe('status packages', () => {
  it('reads the MessageHeader form the SDK and real traffic use, every field, without a warning', async () => {
    // Act
    const status = await parseEdxml(fixture('status-message-header.edxml'));
    // Assess
    expect(status).toMatchObject({
      kind: 'status',
      from: { organId: '000.00.00.G12', organName: 'Bộ mẫu (MẪU)', email: 'vanthu@example.vn' },
      responseFor: { organId: '000.00.00.H26', code: '15/QĐ-UBND', promulgationDate: '2026-01-05', documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND' },
      statusCode: '03',
      description: 'Văn thư - Phòng Văn thư - Lưu trữ: Đã tiếp nhận',
      timestamp: '2026-01-06T08:15:00+07:00',
      staffInfo: { department: 'Văn thư văn phòng', departmentId: 'VT01', staff: 'Nguyễn Thị Mẫu', staffId: '1024', email: 'vanthuvanphong@example.vn', mobile: '84900000001' },
      warnings: [],
    });
  });

  it('reads the edXML:Status wrapper of private schemas to the same model', async () => {
    // Act
    const [header, wrapper] = await Promise.all([parseEdxml(fixture('status-message-header.edxml')), parseEdxml(fixture('status-wrapper.edxml'))]);
    // Assess
    expect(wrapper).toEqual(header);
  });

  it('writes the MessageHeader form in the order of the SDK builder: no Status element, no body', async () => {
    // Prepare
    const input = { ...sampleStatus, staffInfo: { department: 'Văn thư', departmentId: 'VT', staff: 'Nguyễn Văn Mẫu', staffId: '9', email: 'a@example.vn', mobile: '0900' } };
    // Act
    const xml = buildStatus(input);
    // Assess
    expect(xml).not.toMatch(/<edXML:Status\b/);
    expect(xml).not.toContain('edXMLBody');
    expect(childOrder(xml, 'MessageHeader')).toEqual(['From', 'ResponseFor', 'StaffInfo', 'StatusCode', 'Description', 'Timestamp']);
    expect(childOrder(xml, 'ResponseFor')).toEqual(['OrganId', 'Code', 'DocumentId', 'PromulgationDate']);
    expect(childOrder(xml, 'StaffInfo')).toEqual(['Department', 'DepartmentId', 'Staff', 'StaffId', 'Email', 'Mobile']);
    expect(await parseEdxml(xml)).toEqual({ kind: 'status', ...input, warnings: [] });
  });

  it('answers, strictly built, whatever identifier the sender used (QĐ 20 code, enterprise id, its own DocumentId)', () => {
    // Act + Assess
    expect(() => buildStatus({ ...sampleStatus, responseFor: { organId: 'G12', code: '7/BTC', documentId: 'G12,2026/01/05,7/BTC' } })).not.toThrow();
    expect(() => buildStatus({ ...sampleStatus, responseFor: { organId: '010203040506', documentId: '9fbfbad2-f1f8-4256-a2eb-50fb1061cddb' } })).not.toThrow();
    // Our own identifier is still held to QCVN 102.
    expect(() => buildStatus({ ...sampleStatus, from: { organId: 'H26' } })).toThrow(/from\.organId: "H26" is in the QĐ 20 notation; QCVN 102 writes it 000\.00\.00\.H26/);
  });
});

describe('document packages as real traffic carries them', () => {
  it("reads edXML: used where it is not declared, and ignores an attribute with an undeclared prefix (as in the SDK's own sample)", async () => {
    // Prepare: the declaration sits on the envelope, AttachmentEncoded is its sibling; xlink is never declared.
    const xml = fixture('edoc-real-identifiers.edxml')
      .toString('utf8')
      .replace('<edXML:Reference>', '<edXML:Reference xlink:href="">')
      .replace('<AttachmentEncoded>', '<edXML:AttachmentEncoded>')
      .replace('</AttachmentEncoded>', '</edXML:AttachmentEncoded>');
    // Act
    const edoc = (await parseEdxml(xml)) as ParsedEdoc;
    // Assess
    expect(edoc.attachments).toEqual([expect.objectContaining({ attachmentName: 'cong-van.pdf', size: 17 })]);
    expect(edoc.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'undeclared-prefix', message: expect.stringContaining('edXML:') }),
        expect.objectContaining({ code: 'unbound-prefix', message: expect.stringContaining('xlink:href') }),
      ]),
    );
  });

  it('keeps every hop, reads the fields real packages use, and warns precisely about identifiers', async () => {
    // Act
    const edoc = (await parseEdxml(fixture('edoc-real-identifiers.edxml'))) as ParsedEdoc;
    // Assess
    expect(edoc.traceHeaderList.traceHeader).toEqual([
      { organId: '010203040506', timestamp: '2026-01-05T09:00:00+07:00' },
      { timestamp: '2026-01-05T09:00:03+07:00' },
      { organId: 'null', timestamp: '2026-01-05T09:00:04+07:00' },
    ]);
    expect(edoc.traceHeaderList).toMatchObject({ id: '1', version: '1.0' });
    expect(edoc.responseFor).toEqual([]);
    expect(edoc).toMatchObject({ responseForTask: ['NV-2026-07'], applicationType: '1', otherInfo: { replyFors: '12/UBND-VP', referenceCodes: 'HS-2026-001' } });
    expect(edoc.traceHeaderList.bussiness?.staffInfo).toEqual([
      { department: 'Phòng hành chính', departmentId: 'HC', staff: 'Trần Văn Mẫu', staffId: '77' },
      { staff: 'Lê Thị Mẫu', mobile: '84900000002' },
    ]);
    expect(edoc.traceHeaderList.bussiness?.bussinessDocumentInfo).toEqual([
      { documentInfo: 0, receiverList: [{ organId: 'H26', receiverType: 1 }] },
      { documentReceiver: 1, receiverList: [] },
    ]);
    expect(edoc.traceHeaderList.bussiness?.replacementInfoList.map((r) => r.documentId)).toEqual(['010203040506,2026/01/02,14/CV-MAU', '010203040506,2026/01/03,13/CV-MAU']);
    expect(edoc.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', zipped: false })]);
    expect(edoc.warnings).toEqual([
      { code: 'organ-id-null', path: 'traceHeaderList.traceHeader[2].organId', message: expect.stringContaining('"null"') },
      { code: 'organ-id-not-agency-code', path: 'from.organId', message: '"010203040506" is not an agency code in either notation: an identifier from outside the state system' },
      { code: 'organ-id-qd20', path: 'to[0].organId', message: '"H26" is in the QĐ 20 notation; QCVN 102 writes it 000.00.00.H26' },
    ]);
  });

  it('builds, strictly, a package with every modelled field addressed as real traffic addresses, and reads it back the same', async () => {
    // Act
    const bytes = await buildEdocToBuffer(fullEdoc);
    const parsed = await parseEdxml(bytes);
    // Assess
    const { kind, attachments, warnings, signature, ...model } = parsed as ParsedEdoc;
    expect({ kind, attachments, signature }).toEqual({ kind: 'edoc', attachments: [], signature: undefined });
    expect(model).toEqual(fullEdoc);
    expect(warnings.map((w) => w.code)).toEqual(['organ-id-qd20', 'organ-id-not-agency-code', 'organ-id-not-agency-code']);
  });

  it("writes the header in the SDK builder's order (ResponseFor before SteeringType; StaffInfo last in Bussiness; OrganId first in Receiver)", async () => {
    // Act
    const xml = (await buildEdocToBuffer(fullEdoc)).toString('utf8');
    // Assess
    expect(childOrder(xml, 'MessageHeader')).toEqual([
      'From',
      'To',
      'To',
      'DocumentId',
      'Code',
      'PromulgationInfo',
      'DocumentType',
      'Subject',
      'Content',
      'SignerInfo',
      'DueDate',
      'OtherInfo',
      'ResponseFor',
      'SteeringType',
      'ResponseForTask',
      'ApplicationType',
      'ToPlaces',
    ]);
    expect(childOrder(xml, 'OtherInfo')).toEqual([
      'Priority',
      'SphereOfPromulgation',
      'TyperNotation',
      'PromulgationAmount',
      'PageAmount',
      'ReplyFors',
      'Direction',
      'ReferenceCodes',
      'Appendixes',
    ]);
    expect(childOrder(xml, 'Bussiness')).toEqual([
      'DocumentId',
      'BussinessDocType',
      'BussinessDocReason',
      'Paper',
      'BussinessDocumentInfo',
      'ReplacementInfoList',
      'StaffInfo',
      'StaffInfo',
    ]);
    expect(childOrder(xml, 'Receiver')).toEqual(['OrganId', 'ReceiverType']);
    expect(xml).toContain('<edXML:TraceHeaderList id="1" version="1.0">');
  });
});
