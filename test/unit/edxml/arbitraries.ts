/**
 * fast-check arbitraries for the edXML model: Vietnamese text with diacritics (precomposed and combining),
 * the XML specials `<&>"'`, `]]>`, CR/LF/tab and astral characters. `cleanEdoc` keeps to what QCVN 102
 * expects (a strict build accepts it); `anyEdoc` is anything the model can carry (lenient build).
 */
import fc from 'fast-check';
import { edocSchema, formatDocumentId, STATUS_CODES, statusSchema, type Edoc, type EdocInput, type Status, type StatusInput } from '#edxml/index';

const PIECES = [
  'Hà Nội',
  'Ủy ban nhân dân',
  'Đảng',
  'thượng khẩn',
  'hỏa tốc',
  'Nguyễn Thị Ánh',
  'ữ',
  'ỹ',
  'e\u0301',
  'Ư\u0300',
  '<',
  '&',
  '>',
  '"',
  "'",
  ']]>',
  '&amp;',
  '<!--',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  'V/v',
  '15/QĐ-UBND',
  '😀',
  '𠀀',
  'a',
  'Z',
  '0',
  '9',
];

/** Text from the pieces above; may be empty or whitespace only (the model trims). */
export const text = (maxPieces = 8): fc.Arbitrary<string> => fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((p) => p.join(''));
const nonBlank = (maxPieces = 8): fc.Arbitrary<string> => text(maxPieces).filter((s) => s.trim() !== '');
const shortText = (maxLength: number): fc.Arbitrary<string> =>
  nonBlank(6)
    .map((s) => s.trim().slice(0, maxLength).trim())
    .filter((s) => s !== '' && !/[\uD800-\uDBFF]$/.test(s));
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** A QCVN 102 code `NNN.NN.NN.XNN` (sample values, not real agencies). */
export const organId: fc.Arbitrary<string> = fc
  .tuple(digits(3), digits(2), digits(2), fc.constantFrom(...'ABCDEFGHIK'), digits(2))
  .map(([a, b, c, l, d]) => `${a}.${b}.${c}.${l}${d}`);

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const isoTimestamp = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const notation = fc.array(fc.constantFrom('UBND', 'QĐ', 'VP', 'TTĐT', 'KH', 'Đ', 'Ư'), { minLength: 1, maxLength: 3 }).map((p) => p.join('-'));

const organization = (id: fc.Arbitrary<string>, nameLength = 200) =>
  fc.record({
    organId: id,
    organizationInCharge: optional(text()),
    organName: optional(shortText(nameLength)),
    organAdd: optional(text()),
    email: optional(text(2)),
    telephone: optional(digits(10)),
    fax: optional(text(2)),
    website: optional(text(2)),
  });

const staffInfo = fc.record({
  department: optional(text()),
  departmentId: optional(digits(4)),
  staff: optional(text()),
  staffId: optional(digits(6)),
  email: optional(text(2)),
  mobile: optional(digits(11)),
});
const validDocumentId = fc.tuple(organId, isoDate, digits(4), notation).map(([o, d, n, t]) => formatDocumentId({ organId: o, promulgationDate: d, number: n, notation: t }));

/** A document package a strict build accepts: coherent ids, QCVN 102 codes and lengths. */
export const cleanEdoc: fc.Arbitrary<Edoc> = fc
  .record({
    sender: organization(organId),
    to: fc.array(organization(organId), { minLength: 1, maxLength: 3 }),
    number: digits(3),
    codeNotation: notation,
    date: isoDate,
    dueInDays: optional(fc.integer({ min: 0, max: 400 })),
    place: optional(text()),
    subject: shortText(500),
    content: optional(text(20)),
    documentType: optional(fc.record({ type: optional(fc.nat(20)), typeDetail: optional(fc.nat(3)), typeName: optional(shortText(100)) })),
    signerInfo: optional(fc.record({ competence: optional(text()), position: optional(shortText(100)), fullName: optional(shortText(50)) })),
    otherInfo: optional(
      fc.record({
        priority: optional(fc.integer({ min: 0, max: 4 })),
        sphereOfPromulgation: optional(text()),
        typerNotation: optional(text(2)),
        promulgationAmount: optional(fc.nat(50)),
        pageAmount: optional(fc.nat(500)),
        replyFors: optional(text(3)),
        direction: optional(fc.boolean()),
        referenceCodes: optional(text(3)),
        appendixes: fc.array(nonBlank(), { maxLength: 2 }),
      }),
    ),
    steeringType: optional(fc.nat(3)),
    responseForTask: fc.array(nonBlank(2), { maxLength: 2 }),
    applicationType: optional(text(2)),
    toPlaces: fc.array(nonBlank(), { maxLength: 3 }),
    // An empty ResponseFor reads as none: every entry answers something.
    responseFor: fc.array(fc.record({ organId: optional(organId), code: optional(text(2)), promulgationDate: optional(isoDate), documentId: validDocumentId }), { maxLength: 2 }),
    traceList: fc.record({ id: optional(digits(3)), version: optional(fc.constantFrom('1.0', '2.0')), paper: optional(fc.constantFrom('0', '1')) }),
    // Real axis hops often carry only a Timestamp.
    traceHeader: fc.array(fc.record({ organId: optional(organId), timestamp: optional(isoTimestamp) }), { maxLength: 3 }),
    bussiness: optional(
      fc.record({
        documentId: optional(validDocumentId),
        bussinessDocType: optional(fc.integer({ min: 0, max: 3 })),
        bussinessDocReason: optional(text()),
        paper: optional(fc.nat(1)),
        bussinessDocumentInfo: fc.array(
          fc.record({
            documentInfo: optional(fc.nat(1)),
            documentReceiver: optional(fc.nat(1)),
            receiverList: fc.array(fc.record({ receiverType: optional(fc.nat(1)), organId }), { maxLength: 3 }),
          }),
          { maxLength: 2 },
        ),
        replacementInfoList: fc.array(fc.record({ documentId: validDocumentId, organIdList: fc.array(organId, { maxLength: 2 }) }), { maxLength: 2 }),
        staffInfo: fc.array(staffInfo, { maxLength: 2 }),
      }),
    ),
  })
  .map(
    (r): EdocInput => ({
      from: r.sender,
      to: r.to,
      documentId: formatDocumentId({ organId: r.sender.organId, promulgationDate: r.date, number: r.number, notation: r.codeNotation }),
      code: { codeNumber: r.number, codeNotation: r.codeNotation },
      promulgationInfo: { place: r.place, promulgationDate: r.date },
      documentType: r.documentType,
      subject: r.subject,
      content: r.content,
      signerInfo: r.signerInfo,
      dueDate: r.dueInDays === undefined ? undefined : new Date(Date.parse(r.date) + r.dueInDays * 86_400_000).toISOString().slice(0, 10),
      otherInfo: r.otherInfo,
      steeringType: r.steeringType,
      responseForTask: r.responseForTask,
      applicationType: r.applicationType,
      toPlaces: r.toPlaces,
      responseFor: r.responseFor,
      traceHeaderList: { ...r.traceList, traceHeader: r.traceHeader, bussiness: r.bussiness },
    }),
  )
  .map((input) => edocSchema.parse(input));

/** Anything the model carries, QCVN 102 or not: what a lenient build must round-trip too. */
export const anyEdoc: fc.Arbitrary<Edoc> = fc
  .record({
    from: organization(nonBlank(3), 10_000),
    to: fc.array(organization(nonBlank(3), 10_000), { maxLength: 2 }),
    documentId: nonBlank(6),
    code: optional(fc.record({ codeNumber: optional(text(3)), codeNotation: optional(text(3)) })),
    promulgationInfo: optional(fc.record({ place: optional(text()), promulgationDate: optional(isoDate) })),
    subject: optional(text(30)),
    dueDate: optional(isoDate),
    otherInfo: optional(fc.record({ priority: optional(fc.nat(99)), appendixes: fc.array(nonBlank(), { maxLength: 2 }) })),
    toPlaces: fc.array(nonBlank(), { maxLength: 2 }),
  })
  .map((input: EdocInput) => edocSchema.safeParse(input))
  .filter((r) => r.success)
  .map((r) => edocSchema.parse(r.data));

/** A status package; 02 always carries a reason so a strict build accepts it. */
export const cleanStatus: fc.Arbitrary<Status> = fc
  .record({
    responseFor: fc.record({ organId: optional(organId), code: optional(text(2)), promulgationDate: optional(isoDate), documentId: validDocumentId }),
    from: organization(organId),
    statusCode: fc.constantFrom(...(Object.keys(STATUS_CODES) as (keyof typeof STATUS_CODES)[])),
    description: shortText(1000),
    timestamp: isoTimestamp,
    staffInfo: optional(staffInfo),
  })
  .map((input: StatusInput) => statusSchema.parse(input));
