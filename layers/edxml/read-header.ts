/**
 * Reads the MessageHeader + TraceHeaderList of a document package, or the Status of a status package,
 * into the model. Only a missing sender, a missing document id or an unknown status code stop the parse;
 * the rest is read as far as it goes, with warnings from the element reader.
 */
import type * as z from 'zod';
import type { ElementReader } from './element-reader.ts';
import { EdxmlError } from './errors.ts';
import { edocSchema, STATUS_CODES, statusSchema, type Edoc, type EdocInput, type Status, type StatusCode } from './model.ts';

type OrganizationInput = EdocInput['from'];
type TraceInput = NonNullable<EdocInput['traceHeaderList']>;

export function readEdocHeader(m: ElementReader, trace: ElementReader | undefined): Edoc {
  const from = readSender(m);
  const documentId = m.text('DocumentId');
  if (documentId === undefined) throw new EdxmlError('missing-document-id', 'the MessageHeader has no DocumentId');
  const to = m.children('To').flatMap((r) => {
    const o = readOrganization(r);
    if (o !== undefined) return [o];
    r.warn('missing-field', 'OrganId', 'a recipient (To) without OrganId cannot be routed; skipped');
    return [];
  });
  const edoc: EdocInput = {
    from,
    to,
    documentId,
    code: read(m.child('Code'), (c) => ({ codeNumber: c.text('CodeNumber'), codeNotation: c.text('CodeNotation') })),
    promulgationInfo: read(m.child('PromulgationInfo'), (p) => ({ place: p.text('Place'), promulgationDate: p.date('PromulgationDate') })),
    documentType: read(m.child('DocumentType'), (t) => ({ type: t.int('Type'), typeDetail: t.int('TypeDetail'), typeName: t.text('TypeName') })),
    subject: m.text('Subject'),
    content: m.text('Content'),
    signerInfo: read(m.child('SignerInfo'), (s) => ({ competence: s.text('Competence'), position: s.text('Position'), fullName: s.text('FullName') })),
    dueDate: m.date('DueDate'),
    otherInfo: read(m.child('OtherInfo'), (o) => ({
      priority: o.int('Priority'),
      sphereOfPromulgation: o.text('SphereOfPromulgation'),
      typerNotation: o.text('TyperNotation'),
      promulgationAmount: o.int('PromulgationAmount'),
      pageAmount: o.int('PageAmount'),
      replyFors: o.text('ReplyFors'),
      direction: o.bool('Direction'),
      referenceCodes: o.text('ReferenceCodes'),
      appendixes: list(o.child('Appendixes'), 'Appendix'),
    })),
    steeringType: m.int('SteeringType'),
    responseForTask: list(m.child('ResponseForTask'), 'TaskCode'),
    applicationType: m.text('ApplicationType'),
    toPlaces: list(m.child('ToPlaces'), 'Place'),
    // An empty <ResponseFor/> answers nothing: absent, not an empty entry.
    responseFor: m
      .children('ResponseFor')
      .map((r) => readResponseFor(r))
      .filter((r) => Object.values(r).some((v) => v !== undefined)),
    traceHeaderList: trace === undefined ? undefined : readTrace(trace),
  };
  m.finish();
  return validated(edocSchema, edoc);
}

export function readStatusBody(s: ElementReader): Status {
  const from = readSender(s);
  const responseFor = read(s.child('ResponseFor'), readResponseFor);
  if (responseFor?.documentId === undefined) throw new EdxmlError('missing-document-id', 'the Status has no ResponseFor/DocumentId');
  const raw = s.text('StatusCode');
  const code = raw !== undefined && /^\d{1,2}$/.test(raw) ? raw.padStart(2, '0') : raw;
  if (code === undefined || !isStatusCode(code)) {
    throw new EdxmlError('invalid-status-code', `StatusCode ${raw === undefined ? 'is missing' : `"${raw}" is not one of ${Object.keys(STATUS_CODES).join(', ')}`}`);
  }
  if (code !== raw) s.warn('status-code-format', 'StatusCode', `"${raw}" is not two digits; read as ${code}`);
  const status = {
    responseFor: { ...responseFor, documentId: responseFor.documentId },
    from,
    statusCode: code,
    description: s.text('Description'),
    timestamp: s.timestamp('Timestamp'),
    staffInfo: read(s.child('StaffInfo'), readStaffInfo),
  };
  s.finish();
  return validated(statusSchema, status);
}

function isStatusCode(code: string): code is StatusCode {
  return Object.hasOwn(STATUS_CODES, code);
}

/** The reader's output must fit the model; if it does not, that is a bug here, reported as such. */
export function validated<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new EdxmlError('malformed', `the package could not be mapped to the model: ${issues}`, { cause: result.error });
}

function readSender(r: ElementReader): OrganizationInput {
  const from = read(r.child('From'), readOrganization);
  if (from === undefined) throw new EdxmlError('missing-sender', 'no sender: From/OrganId is missing');
  return from;
}

function readOrganization(o: ElementReader): OrganizationInput | undefined {
  const organId = o.text('OrganId');
  const organization = {
    organId: organId ?? '',
    organizationInCharge: o.text('OrganizationInCharge'),
    organName: o.text('OrganName'),
    organAdd: o.text('OrganAdd'),
    email: o.text('Email'),
    telephone: o.text('Telephone'),
    fax: o.text('Fax'),
    website: o.text('Website'),
  };
  o.finish();
  return organId === undefined ? undefined : organization;
}

function readResponseFor(r: ElementReader): { organId?: string; code?: string; promulgationDate?: string; documentId?: string } {
  const responseFor = { organId: r.text('OrganId'), code: r.text('Code'), promulgationDate: r.date('PromulgationDate'), documentId: r.text('DocumentId') };
  r.finish();
  return responseFor;
}

function readTrace(t: ElementReader): TraceInput {
  return {
    id: attribute(t, 'id'),
    version: attribute(t, 'version'),
    paper: t.text('Paper'),
    // Every hop is kept: real axis hops carry only a Timestamp.
    traceHeader: t.children('TraceHeader').map((h) => {
      const organId = h.text('OrganId');
      const timestamp = h.timestamp('Timestamp');
      h.finish();
      if (organId?.toLowerCase() === 'null') h.warn('organ-id-null', 'OrganId', 'the hop\'s OrganId is the text "null": the system that wrote it had no agency code');
      return { organId, timestamp };
    }),
    bussiness: read(t.child('Bussiness'), (b) => ({
      documentId: b.text('DocumentId'),
      bussinessDocType: range(b, 'BussinessDocType', 3),
      bussinessDocReason: b.text('BussinessDocReason'),
      paper: b.int('Paper'),
      bussinessDocumentInfo: b.children('BussinessDocumentInfo').map((i) => {
        const info = {
          documentInfo: i.int('DocumentInfo'),
          documentReceiver: i.int('DocumentReceiver'),
          receiverList: items(i.children('ReceiverList'), 'Receiver').flatMap((r) => {
            const organId = r.text('OrganId');
            const receiverType = r.int('ReceiverType');
            r.finish();
            return organId === undefined ? [] : [{ receiverType, organId }];
          }),
        };
        i.finish();
        return info;
      }),
      replacementInfoList: items(b.children('ReplacementInfoList'), 'ReplacementInfo').flatMap((r) => {
        const documentId = r.text('DocumentId');
        const organIdList = list(r.child('OrganIdList'), 'OrganId');
        r.finish();
        return documentId === undefined ? [] : [{ documentId, organIdList }];
      }),
      staffInfo: b.children('StaffInfo').map((r) => read(r, readStaffInfo) ?? {}),
    })),
  };
}

function readStaffInfo(s: ElementReader): { department?: string; departmentId?: string; staff?: string; staffId?: string; email?: string; mobile?: string } {
  return {
    department: s.text('Department'),
    departmentId: s.text('DepartmentId'),
    staff: s.text('Staff'),
    staffId: s.text('StaffId'),
    email: s.text('Email'),
    mobile: s.text('Mobile'),
  };
}

/** The children `item` of every `wrappers` element (a list element that may itself repeat). */
function items(wrappers: readonly ElementReader[], item: string): ElementReader[] {
  return wrappers.flatMap((w) => {
    const found = w.children(item);
    w.finish();
    return found;
  });
}

function attribute(r: ElementReader, name: string): string | undefined {
  const value = r.node.attributes[name]?.trim();
  return value === '' ? undefined : value;
}

function range(r: ElementReader, name: string, max: number): number | undefined {
  const value = r.int(name);
  if (value === undefined || value <= max) return value;
  r.warn('value-out-of-range', name, `${value} is not 0–${max}; ignored`);
  return undefined;
}

function list(wrapper: ElementReader | undefined, item: string): string[] {
  const values = wrapper?.texts(item) ?? [];
  wrapper?.finish();
  return values;
}

/** Reads an optional element with `body`, then warns about its unknown children. */
function read<T>(reader: ElementReader | undefined, body: (r: ElementReader) => T): T | undefined {
  if (reader === undefined) return undefined;
  const value = body(reader);
  reader.finish();
  return value;
}
