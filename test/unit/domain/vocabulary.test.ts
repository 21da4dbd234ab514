/**
 * The vocabulary (layers/domain/vocabulary): every value of every enum the API exposes has its Vietnamese
 * label — checked from the enums' own arrays and from every enum of the OpenAPI document, so an enum added
 * without its words fails here.
 */
import { describe, expect, it } from 'vitest';
import { unitKinds } from '#domain/agency/unit';
import { deliveryChannels, deliveryStatusCodes, edxmlStatusCodes } from '#domain/deliveries/delivery';
import { incomingStatuses } from '#domain/documents/incoming';
import { channels, secrecyLevels, urgencies } from '#domain/documents/metadata';
import { outgoingStatuses, typeNames } from '#domain/documents/outgoing';
import { fileStatuses, rejectionCodes } from '#domain/files/file';
import { roles } from '#domain/identity/principal';
import { exchangeChannels } from '#domain/kpi/counters';
import { reportLevels } from '#domain/kpi/report';
import { recordStatuses } from '#domain/records/record';
import { reminderKinds, reminderStatuses } from '#domain/reminders/reminder';
import { entry, labelsOf, vocabulary, type VocabularyName } from '#domain/vocabulary/index';
import { outboundEventTypes } from '#domain/webhook-keys/endpoint';
import { webhookKeyKinds } from '#domain/webhook-keys/key';
import { outboundStatuses } from '#domain/webhook-keys/outbound';
import { seriesKinds } from '#http/contracts/registers';
import { openApiDocument } from '#http/openapi';

/** Each enum array of the domain and the entry that labels it. */
const enums: readonly (readonly [string, readonly string[], VocabularyName])[] = [
  ['incomingStatuses', incomingStatuses, 'incomingStatus'],
  ['outgoingStatuses', outgoingStatuses, 'outgoingStatus'],
  ['urgencies', urgencies, 'urgency'],
  ['secrecyLevels', secrecyLevels, 'secrecy'],
  ['channels', channels, 'channel'],
  ['exchangeChannels', exchangeChannels, 'channel'],
  ['typeNames', typeNames, 'documentType'],
  ['seriesKinds', seriesKinds, 'numberSeries'],
  ['roles', roles, 'role'],
  ['deliveryChannels', deliveryChannels, 'deliveryChannel'],
  ['deliveryStatusCodes', deliveryStatusCodes, 'deliveryStatus'],
  ['edxmlStatusCodes', edxmlStatusCodes, 'deliveryStatus'],
  ['fileStatuses', fileStatuses, 'fileStatus'],
  ['rejectionCodes', rejectionCodes, 'fileRejection'],
  ['reminderKinds', reminderKinds, 'reminderKind'],
  ['reminderStatuses', reminderStatuses, 'reminderStatus'],
  ['recordStatuses', recordStatuses, 'recordStatus'],
  ['reportLevels', reportLevels, 'reportLevel'],
  ['unitKinds (agency)', unitKinds, 'agencyKind'],
  ['webhookKeyKinds', webhookKeyKinds, 'webhookKeyKind'],
  ['outboundEventTypes', outboundEventTypes, 'webhookEvent'],
  ['outboundStatuses', outboundStatuses, 'webhookDeliveryStatus'],
];

/** Enums of the OpenAPI document that are not words a clerk reads: formats, flags, algorithms, answers to machines. */
const technical: readonly (readonly string[])[] = [
  ['true', 'false'],
  ['json', 'csv'],
  ['json', 'csv', 'pdf'],
  ['xml'],
  ['rsa-pkcs1-sha256', 'rsa-pss-sha256', 'ecdsa-sha256'],
  ['moved', 'recorded', 'duplicate'],
];

/**
 * The routes of the user directory, notifications and work counters, being built beside this: the entries
 * of their enums (unitKind, notificationKind, workBucket…) come with that work, which then takes its routes
 * out of here.
 */
const awaiting: readonly string[] = [];

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value) => b.includes(value));

interface FoundEnum {
  readonly values: string[];
  /** A JSON pointer, unescaped: `#/paths//documents/get/parameters/1/schema`. */
  readonly at: string;
  readonly schema: Record<string, unknown>;
}

/** Every enum of strings in the document, each place it appears. */
function openApiEnums(document: unknown): FoundEnum[] {
  const found: FoundEnum[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${at}/${index}`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) found.push({ values: schema.enum as string[], at, schema });
    for (const [name, child] of Object.entries(schema)) walk(child, `${at}/${name}`);
  };
  walk(document, '#');
  return found;
}

describe('the vocabulary', () => {
  it.each(enums.map(([name, values, entryName]) => [name, entryName, values] as const))('labels every value of %s (%s)', (_name, entryName, values) => {
    // Prepare
    const labels: Readonly<Record<string, string>> = vocabulary[entryName].labels;
    // Assess
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(labels[value]?.trim(), `${entryName}.${value}`).toBeTruthy();
  });

  it('gives each entry a description, each value once, and a label that is a word, not the value again', () => {
    for (const [name, entryOf] of Object.entries(vocabulary)) {
      const labels: Readonly<Record<string, string>> = entryOf.labels;
      expect(entryOf.description.trim(), name).not.toBe('');
      expect(new Set(entryOf.values).size, name).toBe(entryOf.values.length);
      expect(Object.keys(labels).sort(), name).toEqual([...entryOf.values].sort());
      // The document types are the names of Phụ lục III: the one entry whose values are already the words.
      if (name !== 'documentType') for (const value of entryOf.values) expect(labels[value], `${name}.${value}`).not.toBe(value);
    }
  });

  it('says what the field says (Nghị định 30/2020/NĐ-CP)', () => {
    // Assess
    expect(vocabulary.incomingStatus.labels).toMatchObject({ arrived: 'Đến', registered: 'Đã vào sổ', assigned: 'Đã phân công', processing: 'Đang xử lý', finished: 'Hoàn thành' });
    expect(vocabulary.urgency.labels).toMatchObject({ urgent: 'Khẩn', 'very-urgent': 'Thượng khẩn', flash: 'Hỏa tốc' });
    expect(vocabulary.secrecy.labels).toMatchObject({ confidential: 'Mật', secret: 'Tối mật', 'top-secret': 'Tuyệt mật' });
    expect(vocabulary.role.labels).toEqual({ clerk: 'Văn thư', leader: 'Lãnh đạo', specialist: 'Chuyên viên', admin: 'Quản trị cơ quan', 'city-admin': 'Quản trị thành phố' });
    // The status codes travel in number order, not in the order of the object that lists them.
    expect(vocabulary.deliveryStatus.values).toEqual(['pending', 'sent', '01', '02', '03', '04', '05', '06', '13', '15', '16']);
  });

  it('refuses an entry that leaves a value without a label, or labels a value the enum does not have — TypeScript first', () => {
    // Prepare
    const values = ['draft', 'issued'] as const;
    // Act, Assess
    // @ts-expect-error `issued` has no label
    expect(() => entry(values, 'thiếu nhãn', { draft: 'Dự thảo' })).toThrow(/without a label \[issued\]/);
    // @ts-expect-error `revoked` is not a value of the enum
    expect(() => entry(values, 'thừa nhãn', { draft: 'Dự thảo', issued: 'Đã phát hành', revoked: 'Thu hồi' })).toThrow(/labels of no value \[revoked\]/);
    expect(entry(values, 'đủ', { draft: 'Dự thảo', issued: 'Đã phát hành' }).labels.issued).toBe('Đã phát hành');
  });
});

describe('labelsOf: the entries that label an enum, found by its values', () => {
  it('finds the entry of the same values, the entries that make them up together, or the one holding them all', () => {
    // Act, Assess
    expect(labelsOf([...urgencies])).toMatchObject({ names: ['urgency'], labels: { flash: 'Hỏa tốc' } });
    expect(labelsOf([...incomingStatuses, ...outgoingStatuses])).toMatchObject({
      names: ['incomingStatus', 'outgoingStatus'],
      labels: { registered: 'Đã vào sổ', draft: 'Dự thảo' },
    });
    expect(labelsOf(['document.status'])).toEqual({ names: ['webhookEvent'], labels: { 'document.status': vocabulary.webhookEvent.labels['document.status'] } });
  });

  it('labels nothing it cannot tell apart or does not know', () => {
    // `pending` is a file being checked and a reminder waiting to go: which one, the values alone cannot say.
    expect(labelsOf(['pending'])).toBeUndefined();
    expect(labelsOf(['json', 'csv'])).toBeUndefined();
  });
});

describe('the OpenAPI document carries the labels beside each enum', () => {
  const found = openApiEnums(openApiDocument({ version: 'test', servedBy: 'local' }));
  const first = (values: readonly string[]) => found.find((e) => sameSet(e.values, values))?.schema;

  it('has enums to label', () => expect(new Set(found.map((e) => JSON.stringify(e.values))).size).toBeGreaterThan(30));

  it('labels every enum a clerk reads (x-vocabulary, x-enumDescriptions)', () => {
    // Act
    const unlabelled = found
      .filter(({ values }) => !technical.some((set) => sameSet(set, values)))
      .filter(({ at }) => !awaiting.some((path) => at.startsWith(`#/paths/${path}/`)))
      .filter(({ schema }) => schema['x-vocabulary'] === undefined)
      .map(({ values, at }) => `${JSON.stringify(values)} at ${at}`);
    // Assess: add an entry to layers/domain/vocabulary for each
    expect(unlabelled).toEqual([]);
  });

  it('puts the label of each value beside the enum', () => {
    // Prepare
    const urgency = first(urgencies);
    const statuses = first([...incomingStatuses, ...outgoingStatuses]);
    // Assess
    expect(urgency?.['x-vocabulary']).toEqual(['urgency']);
    expect(urgency?.['x-enumDescriptions']).toEqual(vocabulary.urgency.labels);
    expect(statuses?.['x-enumDescriptions']).toEqual({ ...vocabulary.incomingStatus.labels, ...vocabulary.outgoingStatus.labels });
    // The document types are their own labels: named, not repeated.
    expect(first(typeNames)).toMatchObject({ 'x-vocabulary': ['documentType'] });
    expect(first(typeNames)?.['x-enumDescriptions']).toBeUndefined();
  });
});
