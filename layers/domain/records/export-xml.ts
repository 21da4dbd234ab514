import { vietnamTimestamp } from '../time.ts';
import type { Maintenance } from './record.ts';
import type { RecordDocument, RecordView } from './summary.ts';
import { element, leaf, toXml, type XmlElement } from './xml.ts';

/**
 * The XML export of a work record (xuất hồ sơ ra XML, a mandatory function of Nghị định 30/2020 Phụ lục VI).
 *
 * Element names: the English names of the Phụ lục VI data dictionary for the 11 record fields (FileCode,
 * Title, Maintenance, Rights, Language, StartDate, EndDate, DocTotal, PageTotal, InforSign, Description)
 * and the edXML / QCVN 102 names for each document's metadata (OrganId, OrganName, CodeNumber,
 * CodeNotation, PromulgationDate, TypeName, Subject, PageAmount), with DocOrdinal for the số thứ tự in the
 * record. English rather than Vietnamese without diacritics because these are the names archive and
 * exchange software already reads. No namespace: there is no official schema for this file to point at.
 * Dates are `YYYY-MM-DD`, instants ISO 8601 with the Vietnam offset (+07:00); Maintenance is written as a
 * clerk reads it ("Vĩnh viễn", "10 năm").
 *
 * @example
 * const xml = recordXml(view, new Date());
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <WorkRecord>
 * //   <FileCode>000.00.00.H26.2026.01.TH</FileCode> ...
 */
export function recordXml(view: RecordView, exportedAt: Date): string {
  return toXml(
    element('WorkRecord', [
      leaf('FileCode', view.fileCode),
      leaf('OrganId', view.organId),
      leaf('FileNotation', view.fileNotation),
      leaf('Year', view.year),
      leaf('Title', view.title),
      leaf('Maintenance', maintenanceText(view.maintenance)),
      leaf('Rights', view.rights),
      leaf('Language', view.language),
      leaf('StartDate', view.startDate),
      leaf('EndDate', view.endDate),
      leaf('DocTotal', view.documentCount),
      leaf('PageTotal', view.pageTotal),
      leaf('InforSign', view.infoSign),
      leaf('Description', view.description),
      leaf('Keeper', view.keeper.name),
      leaf('Status', view.status),
      leaf('ExportedAt', vietnamTimestamp(exportedAt)),
      element('Documents', view.documents.map(documentElement)),
    ]),
  );
}

/** Thời hạn bảo quản as written on a record: "Vĩnh viễn" or "N năm". */
export function maintenanceText(maintenance: Maintenance): string {
  return maintenance === 'permanent' ? 'Vĩnh viễn' : `${maintenance} năm`;
}

function documentElement(entry: RecordDocument): XmlElement {
  const summary = entry.document;
  return element('Document', [
    leaf('DocOrdinal', entry.ordinal),
    leaf('DocumentId', entry.documentId),
    leaf('Direction', summary?.direction),
    leaf('TypeName', summary?.typeName),
    leaf('CodeNumber', summary?.codeNumber),
    leaf('CodeNotation', summary?.codeNotation),
    leaf('PromulgationDate', summary?.date),
    leaf('OrganId', summary?.issuer.organId),
    leaf('OrganName', summary?.issuer.organName),
    leaf('Subject', summary?.subject),
    leaf('PageAmount', summary?.pageAmount),
    leaf('AddedAt', vietnamTimestamp(new Date(entry.addedAt))),
  ]);
}
