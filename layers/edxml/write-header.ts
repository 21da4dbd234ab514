/**
 * The header elements of a package, in the order the government SDK's builder writes them (receivers that
 * read positionally exist; docs/EDXML.md says how this was checked). Values are already validated model output.
 */
import type { Edoc, Organization, Status } from './model.ts';
import { isoDateToXml, isoTimestampToXml } from './values.ts';
import { escapeAttribute, type XmlLines } from './xml-writer.ts';

type ResponseFor = Edoc['responseFor'][number];
type StaffInfo = Status['staffInfo'];
type Bussiness = NonNullable<Edoc['traceHeaderList']['bussiness']>;

export function writeMessageHeader(x: XmlLines, edoc: Edoc): void {
  x.open('MessageHeader');
  writeOrganization(x, 'From', edoc.from);
  for (const to of edoc.to) writeOrganization(x, 'To', to);
  x.leaf('DocumentId', edoc.documentId);
  x.group('Code', edoc.code, (c) => x.leaf('CodeNumber', c.codeNumber).leaf('CodeNotation', c.codeNotation));
  x.group('PromulgationInfo', edoc.promulgationInfo, (p) => x.leaf('Place', p.place).leaf('PromulgationDate', date(p.promulgationDate)));
  x.group('DocumentType', edoc.documentType, (t) => x.leaf('Type', t.type).leaf('TypeDetail', t.typeDetail).leaf('TypeName', t.typeName));
  x.leaf('Subject', edoc.subject).leaf('Content', edoc.content);
  x.group('SignerInfo', edoc.signerInfo, (s) => x.leaf('Competence', s.competence).leaf('Position', s.position).leaf('FullName', s.fullName));
  x.leaf('DueDate', date(edoc.dueDate));
  x.group('OtherInfo', edoc.otherInfo, (o) => {
    x.leaf('Priority', o.priority).leaf('SphereOfPromulgation', o.sphereOfPromulgation).leaf('TyperNotation', o.typerNotation);
    x.leaf('PromulgationAmount', o.promulgationAmount).leaf('PageAmount', o.pageAmount).leaf('ReplyFors', o.replyFors);
    x.leaf('Direction', o.direction).leaf('ReferenceCodes', o.referenceCodes);
    list(x, 'Appendixes', 'Appendix', o.appendixes);
  });
  for (const r of edoc.responseFor) writeResponseFor(x, r);
  x.leaf('SteeringType', edoc.steeringType);
  list(x, 'ResponseForTask', 'TaskCode', edoc.responseForTask);
  x.leaf('ApplicationType', edoc.applicationType);
  list(x, 'ToPlaces', 'Place', edoc.toPlaces);
  x.close('MessageHeader');
}

/** Paper, the hops, then Bussiness: the SDK's sample packages' order (its parser reads them in any order). */
export function writeTraceHeaderList(x: XmlLines, trace: Edoc['traceHeaderList']): void {
  const empty = trace.traceHeader.length === 0 && [trace.bussiness, trace.paper, trace.id, trace.version].every((v) => v === undefined);
  if (empty) return;
  x.open('TraceHeaderList', attributes({ id: trace.id, version: trace.version }));
  x.leaf('Paper', trace.paper);
  for (const t of trace.traceHeader) {
    x.open('TraceHeader').leaf('OrganId', t.organId).leaf('Timestamp', timestamp(t.timestamp)).close('TraceHeader');
  }
  x.group('Bussiness', trace.bussiness, (b) => writeBussiness(x, b));
  x.close('TraceHeaderList');
}

/**
 * A status package's MessageHeader, as the SDK's StatusXmlBuilder writes it: From, ResponseFor, StaffInfo,
 * StatusCode, Description, Timestamp. Never an `edXML:Status` element: the SDK reads that as an empty header.
 */
export function writeStatusHeader(x: XmlLines, status: Status): void {
  x.open('MessageHeader');
  writeOrganization(x, 'From', status.from);
  writeResponseFor(x, status.responseFor);
  writeStaffInfo(x, status.staffInfo);
  x.leaf('StatusCode', status.statusCode).leaf('Description', status.description).leaf('Timestamp', timestamp(status.timestamp));
  x.close('MessageHeader');
}

function writeBussiness(x: XmlLines, b: Bussiness): void {
  x.leaf('DocumentId', b.documentId).leaf('BussinessDocType', b.bussinessDocType).leaf('BussinessDocReason', b.bussinessDocReason);
  x.leaf('Paper', b.paper);
  for (const info of b.bussinessDocumentInfo) {
    x.open('BussinessDocumentInfo').leaf('DocumentInfo', info.documentInfo).leaf('DocumentReceiver', info.documentReceiver);
    if (info.receiverList.length > 0) {
      x.open('ReceiverList');
      for (const r of info.receiverList) x.open('Receiver').leaf('OrganId', r.organId).leaf('ReceiverType', r.receiverType).close('Receiver');
      x.close('ReceiverList');
    }
    x.close('BussinessDocumentInfo');
  }
  if (b.replacementInfoList.length > 0) {
    x.open('ReplacementInfoList');
    for (const r of b.replacementInfoList) {
      x.open('ReplacementInfo').leaf('DocumentId', r.documentId);
      list(x, 'OrganIdList', 'OrganId', r.organIdList);
      x.close('ReplacementInfo');
    }
    x.close('ReplacementInfoList');
  }
  for (const s of b.staffInfo) writeStaffInfo(x, s);
}

function writeOrganization(x: XmlLines, name: 'From' | 'To', o: Organization): void {
  x.open(name).leaf('OrganId', o.organId).leaf('OrganizationInCharge', o.organizationInCharge).leaf('OrganName', o.organName);
  x.leaf('OrganAdd', o.organAdd).leaf('Email', o.email).leaf('Telephone', o.telephone).leaf('Fax', o.fax).leaf('Website', o.website);
  x.close(name);
}

function writeResponseFor(x: XmlLines, r: ResponseFor): void {
  x.open('ResponseFor').leaf('OrganId', r.organId).leaf('Code', r.code).leaf('DocumentId', r.documentId);
  x.leaf('PromulgationDate', date(r.promulgationDate)).close('ResponseFor');
}

function writeStaffInfo(x: XmlLines, s: StaffInfo): void {
  x.group('StaffInfo', s, (v) => {
    x.leaf('Department', v.department).leaf('DepartmentId', v.departmentId).leaf('Staff', v.staff).leaf('StaffId', v.staffId);
    x.leaf('Email', v.email).leaf('Mobile', v.mobile);
  });
}

/** ` id="…" version="…"` for the attributes that have a value. */
function attributes(values: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(values)
    .flatMap(([name, value]) => (value === undefined ? [] : [` ${name}="${escapeAttribute(value)}"`]))
    .join('');
}

function list(x: XmlLines, wrapper: string, item: string, values: readonly string[]): void {
  if (values.length === 0) return;
  x.open(wrapper);
  for (const v of values) x.leaf(item, v);
  x.close(wrapper);
}

function date(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : isoDateToXml(iso);
}

function timestamp(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : isoTimestampToXml(iso);
}
