import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEdoc, buildEdocToBuffer, collectPayloads, EDXML_NAMESPACE, EdxmlError, parseEdxml, type ParsedPackage } from '#edxml/index';
import { sampleEdoc } from './samples.ts';

const messy = fileURLToPath(new URL('./fixtures/messy-sample.edxml', import.meta.url));

function edocOf(pkg: ParsedPackage) {
  if (pkg.kind !== 'edoc') throw new Error(`expected a document package, got ${pkg.kind}`);
  return pkg;
}

/** A package with the given MessageHeader extras and Attachment elements, in the default namespace. */
function pkg(header: string, attachments = '', manifest = ''): string {
  return (
    `<edXML xmlns="${EDXML_NAMESPACE}"><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>000.00.00.H26</OrganId></From>` +
    `<To><OrganId>000.00.00.G22</OrganId></To><DocumentId>000.00.00.H26,2026/01/05,15/QĐ-UBND</DocumentId>` +
    `<Code><CodeNumber>15</CodeNumber><CodeNotation>QĐ-UBND</CodeNotation></Code><Subject>x</Subject>${header}</MessageHeader></edXMLHeader>` +
    `<edXMLBody><edXMLManifest>${manifest}</edXMLManifest></edXMLBody></edXMLEnvelope><AttachmentEncoded>${attachments}</AttachmentEncoded></edXML>`
  );
}

const reference = '<Reference><ContentId>cid:1</ContentId><ContentType>text/plain</ContentType><AttachmentName>a.txt</AttachmentName></Reference>';

describe('lenient where real packages are messy', () => {
  it('registers the SDK-like sample and lists precisely what is wrong with it', async () => {
    // Prepare
    const { sinkFactory, payloads } = collectPayloads();
    // Act
    const parsed = edocOf(await parseEdxml(createReadStream(messy), { onAttachment: sinkFactory }));
    // Assess
    expect(parsed).toMatchObject({
      from: { organId: '000.00.00.G22', organizationInCharge: 'Văn phòng (mẫu)' },
      to: [{ organId: '28.22.H17' }],
      documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
      code: { codeNumber: '78x16ab', codeNotation: 'VPCP-TTĐT' },
      subject: 'V/v kết nối & liên thông (mẫu)',
      dueDate: '2018-09-28',
      otherInfo: { priority: 0, direction: false, appendixes: ['Phụ lục mẫu'] },
      toPlaces: ['Các bộ, cơ quan ngang bộ', 'UBND các tỉnh, thành phố'],
      traceHeaderList: { traceHeader: [{ organId: '000.00.00.G22', timestamp: '2018-09-28T00:00:00+07:00' }], bussiness: { bussinessDocType: 0, paper: 0 } },
      signature: { x509SubjectName: 'CN=sample-user', certificateComplete: false, certificateBytes: 8 },
    });
    expect(parsed.from.fax).toBeUndefined();
    expect(parsed.attachments).toEqual([
      {
        contentId: 'cid:209',
        attachmentName: 'cong-van-mau.doc',
        contentType: 'application/zip',
        description: 'cong-van-mau.doc',
        size: 153,
        sha256: 'e9eede5077ff51483d2080694c39b68d0f93d9343688e9af3f61593947547fb3',
        zipped: true,
      },
    ]);
    expect(payloads.get(0)?.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(parsed.warnings.map((w) => `${w.code} @ ${w.path}`).sort()).toEqual([
      'code-number-not-numeric @ code.codeNumber',
      'document-id-format @ traceHeaderList.bussiness.documentId',
      'document-id-mismatch @ documentId',
      'due-date-before-promulgation @ dueDate',
      'organ-id-notation @ to[0].organId',
      'signature-certificate-truncated @ signature.certificates[0]',
    ]);
  });

  it('accepts a package in no namespace at all, with one warning (we always write the prefix)', async () => {
    // Prepare
    const bare = pkg('').replace(` xmlns="${EDXML_NAMESPACE}"`, '');
    // Act
    const parsed = await parseEdxml(bare);
    // Assess
    expect(parsed).toMatchObject({ kind: 'edoc', documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND' });
    expect(parsed.warnings.filter((w) => w.code === 'no-namespace')).toHaveLength(1);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    // Prepare
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pkg(''))]);
    // Act
    const parsed = await parseEdxml(withBom);
    // Assess
    expect(parsed).toEqual(await parseEdxml(pkg('')));
    expect(parsed).toMatchObject({ kind: 'edoc', documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND' });
  });

  it('accepts any prefix bound to the QCVN 102 namespace', async () => {
    // Prepare
    const other = (await buildEdocToBuffer(sampleEdoc)).toString().replaceAll('edXML:', 'q:').replace('xmlns:q=', 'xmlns:q=');
    // Act
    const parsed = await parseEdxml(other.replace('xmlns:edXML=', 'xmlns:q='));
    // Assess
    expect(parsed).toMatchObject({ kind: 'edoc', subject: 'V/v "thử" <nghiệm> & kiểm tra \'liên thông\'', warnings: [] });
  });

  it('reads odd values as far as they go and says what it skipped', async () => {
    // Prepare
    const header =
      '<PromulgationInfo><PromulgationDate>05/01/2026</PromulgationDate></PromulgationInfo><DueDate>2026/02/30</DueDate>' +
      '<OtherInfo><Priority>khẩn</Priority><Direction>có</Direction></OtherInfo><Subject>lặp</Subject><Colour>đỏ</Colour>';
    // Act
    const parsed = edocOf(await parseEdxml(pkg(header)));
    // Assess
    expect(parsed.promulgationInfo?.promulgationDate).toBe('2026-01-05');
    expect(parsed.dueDate).toBeUndefined();
    expect(parsed.otherInfo?.priority).toBeUndefined();
    expect(parsed.subject).toBe('x');
    expect(parsed.warnings.map((w) => `${w.code} @ ${w.path}`)).toEqual(
      expect.arrayContaining([
        'date-format @ promulgationInfo.promulgationDate',
        'invalid-date @ dueDate',
        'not-a-number @ otherInfo.priority',
        'not-a-boolean @ otherInfo.direction',
        'repeated-element @ subject',
        'unknown-element @ colour',
      ]),
    );
  });

  it('pairs attachments with the manifest by ContentId and reports either side missing', async () => {
    // Prepare
    const attachments =
      '<Attachment><ContentId>cid:1</ContentId><ContentTransferEncoded>aGk=</ContentTransferEncoded></Attachment>' +
      '<Attachment><ContentId>cid:2</ContentId><AttachmentName>b.txt</AttachmentName><ContentTransferEncoded>aGk=</ContentTransferEncoded></Attachment>';
    const manifest = `${reference}<Reference><ContentId>cid:3</ContentId></Reference>`;
    // Act
    const parsed = edocOf(await parseEdxml(pkg('', attachments, manifest)));
    // Assess
    expect(parsed.attachments.map((a) => [a.contentId, a.attachmentName, a.contentType, a.size])).toEqual([
      ['cid:1', 'a.txt', 'text/plain', 2],
      ['cid:2', 'b.txt', 'application/octet-stream', 2],
    ]);
    expect(parsed.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['attachment-not-in-manifest', 'attachment-metadata-missing', 'reference-without-attachment']));
  });

  it.each([
    ['plain', 'aGVsbG8gd29ybGQ='],
    ['MIME line breaks', 'aGVs\r\nbG8g\nd29y\n  bGQ=\n'],
    ['character references for CR/LF', 'aGVsbG8g&#13;&#10;d29ybGQ=&#xD;&#xA;'],
    ['a CDATA section', '<![CDATA[aGVsbG8g]]>d29y<![CDATA[bGQ=]]>'],
    ['a comment inside', 'aGVsbG8g<!-- wrapped -->d29ybGQ='],
  ])('decodes a payload written with %s', async (_, encoded) => {
    // Prepare
    const { sinkFactory, payloads } = collectPayloads();
    // Act
    const parsed = edocOf(
      await parseEdxml(pkg('', `<Attachment><ContentId>cid:1</ContentId><ContentTransferEncoded>${encoded}</ContentTransferEncoded></Attachment>`, reference), {
        onAttachment: sinkFactory,
      }),
    );
    // Assess
    expect(payloads.get(0)?.toString()).toBe('hello world');
    expect(parsed.attachments[0]?.sha256).toBe(createHash('sha256').update('hello world').digest('hex'));
  });
});

describe('status packages', () => {
  const status = (code: string, description = '') =>
    `<edXML xmlns="${EDXML_NAMESPACE}"><edXMLEnvelope><edXMLHeader><Status>` +
    '<ResponseFor><OrganId>000.00.00.H26</OrganId><Code>15/QĐ-UBND</Code><PromulgationDate>2026/01/05</PromulgationDate>' +
    '<DocumentId>000.00.00.H26,2026/01/05,15/QĐ-UBND</DocumentId></ResponseFor><From><OrganId>000.00.00.G22</OrganId></From>' +
    `<StatusCode>${code}</StatusCode>${description}<Timestamp>06/01/2026 08:00:00</Timestamp></Status></edXMLHeader></edXMLEnvelope></edXML>`;

  it('reads the status with its code as a two-digit string, tolerating a one-digit code and a day-first timestamp', async () => {
    // Act
    const parsed = await parseEdxml(status('3'));
    // Assess
    expect(parsed).toMatchObject({ kind: 'status', statusCode: '03', timestamp: '2026-01-06T08:00:00+07:00', responseFor: { promulgationDate: '2026-01-05' } });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['status-code-format', 'date-format']);
  });

  it('warns on a 02 without a reason and refuses a code QCVN 102 does not define', async () => {
    // Act
    const rejected = await parseEdxml(status('02'));
    const unknown = parseEdxml(status('07'));
    // Assess
    expect(rejected.warnings.map((w) => w.code)).toContain('status-reason-missing');
    await expect(unknown).rejects.toThrow(EdxmlError);
    await expect(unknown).rejects.toMatchObject({ reason: 'invalid-status-code' });
  });
});

describe('streaming', () => {
  it('lets an input stream failure through unchanged, aborting the open sink', async () => {
    // Prepare
    const xml = await buildEdocToBuffer({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y', payload: new Uint8Array(9000) }] });
    const lost = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    async function* input(): AsyncGenerator<Uint8Array> {
      yield xml.subarray(0, xml.indexOf('ContentTransferEncoded>') + 4000);
      throw lost;
    }
    const events: string[] = [];
    // Act
    const attempt = parseEdxml(input(), {
      onAttachment: () => ({ write: () => void events.push('write'), end: () => void events.push('end'), abort: (why) => void events.push(`abort ${String(why)}`) }),
    });
    // Assess
    await expect(attempt).rejects.toBe(lost);
    expect(events.at(-1)).toBe('abort Error: socket hang up');
  });

  it('pipes a 24 MB attachment from the builder into the parser in bounded chunks, hashing on the fly', async () => {
    // Prepare: the package is never materialised, on either side
    const piece = new Uint8Array(1 << 20).map((_, i) => (i * 31) % 256);
    const expected = createHash('sha256');
    async function* payload(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 24; i += 1) {
        expected.update(piece);
        yield piece;
      }
    }
    const sinkHash = createHash('sha256');
    let largest = 0;
    let writes = 0;
    const onAttachment = () => ({
      write: async (chunk: Uint8Array) => {
        writes += 1;
        largest = Math.max(largest, chunk.length);
        sinkHash.update(chunk);
        await Promise.resolve();
      },
      end: () => undefined,
    });
    // Act
    const parsed = edocOf(
      await parseEdxml(
        buildEdoc({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'big.bin', contentType: 'application/octet-stream', payload: payload() }] }),
        { onAttachment },
      ),
    );
    // Assess
    const digest = expected.digest('hex');
    expect(parsed.attachments[0]).toMatchObject({ size: 24 << 20, sha256: digest });
    expect(sinkHash.digest('hex')).toBe(digest);
    expect(writes).toBeGreaterThan(24);
    expect(largest).toBeLessThanOrEqual(1 << 20);
  });
});
