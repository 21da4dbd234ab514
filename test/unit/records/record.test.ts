import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { IncomingDocument } from '#domain/documents/incoming';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { ConflictError } from '#domain/errors';
import { recordXml } from '#domain/records/export-xml';
import { appendDocument, closeWorkRecord, newRecordSchema, newWorkRecord, type WorkRecord } from '#domain/records/record';
import { recordView, summarise } from '#domain/records/summary';

const specialist = { sub: 's1', organId: '000.00.00.H26', roles: ['specialist' as const], name: 'Nguyễn Văn A' };
const now = new Date('2026-03-02T02:00:00Z');

function openRecord(): WorkRecord {
  return newWorkRecord(newRecordSchema.parse({ fileNotation: '01.TH', title: 'Hồ sơ về "dự toán" <2026> & quyết toán', maintenance: 10, infoSign: 'TH' }), {
    id: 'R1',
    principal: specialist,
    now,
  });
}

const incoming = {
  id: 'D1',
  direction: 'incoming',
  organId: '000.00.00.H26',
  status: 'registered',
  issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
  codeNumber: '15',
  codeNotation: 'QĐ-BTC',
  promulgationDate: '2026-02-20',
  typeName: 'Quyết định',
  subject: 'Giao dự toán <ngân sách> & kế hoạch',
  urgency: 'normal',
  secrecy: 'none',
  pageAmount: 3,
} as unknown as IncomingDocument;

describe('adding documents and closing', () => {
  it('gives each added document the next ordinal and moves the version', () => {
    // Act
    const first = appendDocument(openRecord(), 'D1', { principal: specialist, now });
    const second = appendDocument(first.record, 'D2', { principal: specialist, now });
    // Assess
    expect([first.entry.ordinal, second.entry.ordinal]).toEqual([1, 2]);
    expect(second.record).toMatchObject({ documentCount: 2, version: 3 });
    expect(second.entry).toMatchObject({ recordId: 'R1', documentId: 'D2', addedBy: { sub: 's1' } });
  });

  it('closes with the end date, then refuses more documents and a second close with record-closed', () => {
    // Act
    const closed = closeWorkRecord(openRecord(), { principal: specialist, now: new Date('2026-12-31T18:00:00Z') });
    // Assess
    expect(closed).toMatchObject({ status: 'closed', endDate: '2027-01-01', closedBy: { sub: 's1' }, version: 2 });
    for (const act of [() => appendDocument(closed, 'D9', { principal: specialist, now }), () => closeWorkRecord(closed, { principal: specialist, now })]) {
      expect(act).toThrowError(ConflictError);
      expect(act).toThrowError(/000\.00\.00\.H26\.2026\.01\.TH was closed on 2027-01-01/);
    }
  });
});

describe('the record view', () => {
  it('lists documents in ordinal order and adds up the known page counts', () => {
    // Prepare
    const record = openRecord();
    const entries = [2, 1, 3].map((ordinal) => ({ recordId: 'R1', ordinal, documentId: `D${ordinal}`, addedAt: now.toISOString(), addedBy: { sub: 's1', name: 'A' } }));
    const summaries = new Map([
      ['D1', summarise(incoming)],
      ['D2', { ...summarise(incoming), pageAmount: 4 }],
    ]);
    // Act
    const view = recordView(record, entries, summaries);
    // Assess
    expect(view.documents.map((d) => d.ordinal)).toEqual([1, 2, 3]);
    expect(view.pageTotal).toBe(7);
    expect(view.documents[2]?.document).toBeUndefined();
  });

  it('summarises an outgoing document by its issue number and date, and an unissued one without them', () => {
    // Prepare
    const draft = { id: 'O1', direction: 'outgoing', organId: '000.00.00.H26', status: 'draft', typeName: 'Công văn', subject: 'Báo cáo' } as unknown as OutgoingDocument;
    const issued = { ...draft, status: 'issued', issue: { number: 5, codeNumber: '05', codeNotation: 'UBND-VX', issueDate: '2026-03-01' } } as unknown as OutgoingDocument;
    // Act / Assess
    expect(summarise(draft)).toEqual({ direction: 'outgoing', status: 'draft', typeName: 'Công văn', subject: 'Báo cáo', issuer: { organId: '000.00.00.H26' } });
    expect(summarise(issued)).toMatchObject({ codeNumber: '05', codeNotation: 'UBND-VX', date: '2026-03-01' });
  });
});

describe('the XML export', () => {
  it('carries the Phụ lục VI record fields and each document, escaped, readable back', () => {
    // Prepare
    const added = appendDocument(openRecord(), 'D1', { principal: specialist, now });
    const view = recordView(added.record, [added.entry], new Map([['D1', summarise(incoming)]]));
    // Act
    const xml = recordXml(view, now);
    const parsed = new XMLParser({ parseTagValue: false, htmlEntities: true }).parse(xml) as { WorkRecord: Record<string, unknown> };
    // Assess
    expect(xml).toContain('<Title>Hồ sơ về "dự toán" &lt;2026&gt; &amp; quyết toán</Title>');
    expect(parsed.WorkRecord).toMatchObject({
      FileCode: '000.00.00.H26.2026.01.TH',
      Title: 'Hồ sơ về "dự toán" <2026> & quyết toán',
      Maintenance: '10 năm',
      Language: 'Tiếng Việt',
      StartDate: '2026-03-02',
      DocTotal: '1',
      PageTotal: '3',
      InforSign: 'TH',
      Status: 'open',
      ExportedAt: '2026-03-02T09:00:00+07:00',
      Documents: {
        Document: {
          DocOrdinal: '1',
          DocumentId: 'D1',
          CodeNumber: '15',
          CodeNotation: 'QĐ-BTC',
          OrganName: 'Bộ Tài chính',
          Subject: 'Giao dự toán <ngân sách> & kế hoạch',
          PageAmount: '3',
        },
      },
    });
    expect(parsed.WorkRecord).not.toHaveProperty('EndDate');
  });
});
