/**
 * The header elements of a package, in the order of the government SDK's sample package (receivers that
 * read positionally exist). Values are already validated model output.
 */
import type { Edoc, Organization, Status } from './model.ts';
import { isoDateToXml, isoTimestampToXml } from './values.ts';
import type { XmlLines } from './xml-writer.ts';

type ResponseFor = Edoc['responseFor'][number];
type StaffInfo = NonNullable<Status['staffInfo']>;
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
    x.leaf('PromulgationAmount', o.promulgationAmount).leaf('PageAmount', o.pageAmount).leaf('Direction', o.direction);
    list(x, 'Appendixes', 'Appendix', o.appendixes);
  });
  x.leaf('SteeringType', edoc.steeringType);
  list(x, 'ToPlaces', 'Place', edoc.toPlaces);
  for (const r of edoc.responseFor) writeResponseFor(x, r);
  x.close('MessageHeader');
}

export function writeTraceHeaderList(x: XmlLines, trace: Edoc['traceHeaderList']): void {
  if (trace.traceHeader.length === 0 && trace.bussiness === undefined) return;
  x.open('TraceHeaderList');
  for (const t of trace.traceHeader) {
    x.open('TraceHeader').leaf('OrganId', t.organId).leaf('Timestamp', timestamp(t.timestamp)).close('TraceHeader');
  }
  x.group('Bussiness', trace.bussiness, (b) => writeBussiness(x, b));
  x.close('TraceHeaderList');
}

export function writeStatus(x: XmlLines, status: Status): void {
  x.open('Status');
  writeResponseFor(x, status.responseFor);
  writeOrganization(x, 'From', status.from);
  x.leaf('StatusCode', status.statusCode).leaf('Description', status.description).leaf('Timestamp', timestamp(status.timestamp));
  writeStaffInfo(x, status.staffInfo);
  x.close('Status');
}

function writeBussiness(x: XmlLines, b: Bussiness): void {
  x.leaf('DocumentId', b.documentId).leaf('BussinessDocType', b.bussinessDocType).leaf('BussinessDocReason', b.bussinessDocReason);
  x.leaf('Paper', b.paper);
  writeStaffInfo(x, b.staffInfo);
  x.group('BussinessDocumentInfo', b.bussinessDocumentInfo, (info) => {
    x.leaf('DocumentInfo', info.documentInfo).leaf('DocumentReceiver', info.documentReceiver);
    if (info.receiverList.length === 0) return;
    x.open('ReceiverList');
    for (const r of info.receiverList) x.open('Receiver').leaf('ReceiverType', r.receiverType).leaf('OrganId', r.organId).close('Receiver');
    x.close('ReceiverList');
  });
  if (b.replacementInfoList.length === 0) return;
  x.open('ReplacementInfoList');
  for (const r of b.replacementInfoList) {
    x.open('ReplacementInfo').leaf('DocumentId', r.documentId);
    list(x, 'OrganIdList', 'OrganId', r.organIdList);
    x.close('ReplacementInfo');
  }
  x.close('ReplacementInfoList');
}

function writeOrganization(x: XmlLines, name: 'From' | 'To', o: Organization): void {
  x.open(name).leaf('OrganId', o.organId).leaf('OrganizationInCharge', o.organizationInCharge).leaf('OrganName', o.organName);
  x.leaf('OrganAdd', o.organAdd).leaf('Email', o.email).leaf('Telephone', o.telephone).leaf('Fax', o.fax).leaf('Website', o.website);
  x.close(name);
}

function writeResponseFor(x: XmlLines, r: ResponseFor): void {
  x.open('ResponseFor').leaf('OrganId', r.organId).leaf('Code', r.code).leaf('PromulgationDate', date(r.promulgationDate));
  x.leaf('DocumentId', r.documentId).close('ResponseFor');
}

function writeStaffInfo(x: XmlLines, s: StaffInfo | undefined): void {
  x.group('StaffInfo', s, (v) => x.leaf('Department', v.department).leaf('Staff', v.staff).leaf('Email', v.email).leaf('Mobile', v.mobile));
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
