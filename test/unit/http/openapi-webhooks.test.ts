/**
 * POST /webhooks/agencies/{organId} in the OpenAPI document: its body, headers and problems are described
 * from the validators the use case runs, so an external agency can generate a client from /openapi.json.
 * The published JSON Schema is compiled (Ajv, draft 2020-12) and must give the handler's verdict on every
 * sample below; a removed or drifted description fails here.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { envelopeSchema, readEnvelope } from '#app/webhooks/envelope';
import { receiveWebhookContract } from '#http/operations/receive-webhook';
import { answersOf } from '#http/contract';
import { openApiDocument } from '#http/openapi';
import { readWebhookHeaders } from '#webhooks/headers';

type Json = Record<string, any>;

const document = openApiDocument({ version: 'test', servedBy: 'aws' }) as Json;
const operation = document.paths['/webhooks/agencies/{organId}']?.post as Json;
const components = document.components.schemas as Record<string, Json>;
const bodySchema = operation?.requestBody?.content?.['application/json']?.schema as Json;

const BASE = 'https://vanthu.test/openapi.json';
// Strict, except for `oneOf: [{ required: ['edxml'] }, …]`: naming members the branch does not declare is the standard idiom for "exactly one of".
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
// OpenAPI keywords Ajv does not know: annotations here, checked by the tests below instead; and the
// vocabulary's extensions beside enums (layers/http/openapi.ts), annotations only.
ajv.addVocabulary(['discriminator', 'components', 'x-vocabulary', 'x-enumDescriptions']);
/** The published request body, its refs (#/components/schemas/…) resolved within the published components. */
const publishedBody: ValidateFunction = ajv.compile({ $id: BASE, ...bodySchema, components: { schemas: components } });

const SENDER = '000.00.00.G12';
const ADDRESSEE = '000.00.91.H26';
const PACKAGE = '<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">[MẪU]</edXML:edXMLEnvelope>';
const edoc = { from: { organId: SENDER, organName: '[MẪU] Cơ quan gửi' }, documentId: `${SENDER},2026/11/20,15/MAU-VP`, subject: '[MẪU] Trích yếu' };
const status = { documentId: `${ADDRESSEE},2026/11/20,15/SNV-VP`, from: SENDER, statusCode: '03', timestamp: '2026-11-26T10:15:00+07:00' };
const sentXml = { type: 'document.sent', data: { to: [ADDRESSEE], edxml: PACKAGE } };
const sentJson = { type: 'document.sent', timestamp: '2026-11-20T09:00:00+07:00', data: { to: [ADDRESSEE], document: edoc } };
const statusReport = { type: 'document.status', data: status };

/** Bodies where the JSON Schema can and must say what the handler says. */
const samples: [string, unknown, boolean][] = [
  ['document.sent with the package', sentXml, true],
  ['document.sent with the JSON model', sentJson, true],
  ['document.status', statusReport, true],
  ['document.status 02 with its reason', { type: 'document.status', data: { ...status, statusCode: '02', description: '[MẪU] Gửi nhầm' } }, true],
  ['an agency code in the other notation', { type: 'document.sent', data: { to: ['G12'], edxml: PACKAGE } }, true],
  ['extra members (ignored today, still accepted)', { ...statusReport, extra: 1, data: { ...status, note: 'x' } }, true],
  ['not an object', 'document.sent', false],
  ['no type', { data: status }, false],
  ['an unknown type', { type: 'document.deleted', data: status }, false],
  ['a type of the wrong kind', { type: 1, data: status }, false],
  ['no data', { type: 'document.status' }, false],
  ['data of another event', { type: 'document.sent', data: status }, false],
  ['a timestamp longer than 64', { ...statusReport, timestamp: 'x'.repeat(65) }, false],
  ['document.sent without to', { type: 'document.sent', data: { edxml: PACKAGE } }, false],
  ['document.sent to nobody', { type: 'document.sent', data: { to: [], edxml: PACKAGE } }, false],
  ['document.sent to 51 agencies', { type: 'document.sent', data: { to: Array.from({ length: 51 }, () => ADDRESSEE), edxml: PACKAGE } }, false],
  ['document.sent with both edxml and document', { type: 'document.sent', data: { to: [ADDRESSEE], edxml: PACKAGE, document: edoc } }, false],
  ['document.sent with neither edxml nor document', { type: 'document.sent', data: { to: [ADDRESSEE] } }, false],
  ['document.sent with an empty edxml', { type: 'document.sent', data: { to: [ADDRESSEE], edxml: '' } }, false],
  ['document.sent with a model without From', { type: 'document.sent', data: { to: [ADDRESSEE], document: { documentId: edoc.documentId } } }, false],
  ['document.status without documentId', { type: 'document.status', data: { ...status, documentId: undefined } }, false],
  ['document.status without from', { type: 'document.status', data: { ...status, from: undefined } }, false],
  ['document.status without statusCode', { type: 'document.status', data: { ...status, statusCode: undefined } }, false],
  ['document.status without timestamp', { type: 'document.status', data: { ...status, timestamp: undefined } }, false],
  ['an unknown status code', { type: 'document.status', data: { ...status, statusCode: '07' } }, false],
  ['a status code as a number', { type: 'document.status', data: { ...status, statusCode: 3 } }, false],
  ['a DocumentId of another shape', { type: 'document.status', data: { ...status, documentId: '15/SNV-VP' } }, false],
  ['a timestamp without offset', { type: 'document.status', data: { ...status, timestamp: '2026-11-26T10:15:00' } }, false],
  ['a date for a timestamp', { type: 'document.status', data: { ...status, timestamp: '2026-11-26' } }, false],
  ['an empty reason', { type: 'document.status', data: { ...status, description: '' } }, false],
  ['a reason over 1,000 characters', { type: 'document.status', data: { ...status, description: 'x'.repeat(1001) } }, false],
];

/** Bodies the handler refuses for what JSON Schema does not say (agency code syntax): the schema is looser, never stricter. */
const handlerOnly: [string, unknown][] = [
  ['an addressee that is no agency code', { type: 'document.sent', data: { to: ['Sở Nội vụ'], edxml: PACKAGE } }],
  ['a from that is no agency code', { type: 'document.status', data: { ...status, from: 'G12-X' } }],
];

/** The verdict of the use case's own reader (layers/app/webhooks/inbound.ts calls it on the parsed body). */
const handlerAccepts = (body: unknown): boolean => {
  try {
    readEnvelope(body);
    return true;
  } catch {
    return false;
  }
};
const schemaAccepts = (body: unknown): boolean => publishedBody(JSON.parse(JSON.stringify(body)) as unknown) === true;
const refName = (ref: string): string => ref.replace('#/components/schemas/', '');

describe('POST /webhooks/agencies/{organId} in the OpenAPI document', () => {
  it('describes its JSON body from the schema the use case validates with', () => {
    // Assess
    expect(receiveWebhookContract.rawBody?.schema).toBe(envelopeSchema);
    expect(operation.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: expect.any(Object) } } });
  });

  it('is a oneOf of document.sent and document.status told apart by type, and the discriminator mapping resolves', () => {
    // Assess
    const { oneOf, discriminator } = bodySchema as { oneOf: { $ref: string }[]; discriminator: { propertyName: string; mapping: Record<string, string> } };
    expect(oneOf).toHaveLength(2);
    expect(discriminator.propertyName).toBe('type');
    expect(Object.keys(discriminator.mapping).sort()).toEqual(['document.sent', 'document.status']);
    expect(Object.values(discriminator.mapping).sort()).toEqual(oneOf.map((branch) => branch.$ref).sort());
    for (const [value, ref] of Object.entries(discriminator.mapping)) {
      const variant = components[refName(ref)];
      expect(variant, ref).toBeDefined();
      expect(variant?.properties?.type).toMatchObject({ const: value });
      expect(variant?.required).toEqual(expect.arrayContaining(['type', 'data']));
    }
  });

  it('gives each variant and each of its fields a description, and each variant samples', () => {
    for (const ref of (bodySchema.oneOf as { $ref: string }[]).map((branch) => branch.$ref)) {
      const variant = components[refName(ref)] as Json;
      expect(variant.description, ref).toEqual(expect.any(String));
      expect(variant.examples?.length, ref).toBeGreaterThan(0);
      expect(variant.properties.data.description, `${ref} data`).toEqual(expect.any(String));
      for (const [name, field] of Object.entries(variant.properties.data.properties as Record<string, Json>))
        expect(field.description, `${ref} data.${name}`).toEqual(expect.any(String));
    }
    expect(Object.keys(operation.requestBody.content['application/json'].examples as object)).toEqual([
      'document.sent',
      'document.sent #2',
      'document.status',
      'document.status #2',
    ]);
  });

  it('publishes samples that the handler and the schema both accept, with sample agencies only', () => {
    // Prepare
    const media = Object.values(operation.requestBody.content['application/json'].examples as Record<string, { value: unknown }>).map((example) => example.value);
    const inVariants = Object.values(components).flatMap((schema) => (schema.examples as unknown[] | undefined) ?? []);
    // Assess
    expect(media).toEqual(inVariants);
    for (const sample of media) {
      expect(handlerAccepts(sample), JSON.stringify(sample)).toBe(true);
      expect(schemaAccepts(sample), JSON.stringify(sample)).toBe(true);
      const codes = JSON.stringify(sample).match(/\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}/g) ?? [];
      for (const code of codes) expect([SENDER, ADDRESSEE]).toContain(code);
      const names = [...JSON.stringify(sample).matchAll(/"(?:organName|fullName)":"([^"]*)"/g)].map((match) => match[1]);
      for (const name of names) expect(name).toMatch(/^\[MẪU\]/);
    }
  });

  it.each(samples)('gives the handler’s verdict on %s', (_name, body, accepted) => {
    // Assess
    expect(handlerAccepts(body)).toBe(accepted);
    expect(schemaAccepts(body)).toBe(accepted);
  });

  it.each(handlerOnly)('is never stricter than the handler: %s is refused by the handler only', (_name, body) => {
    // Assess
    expect(handlerAccepts(body)).toBe(false);
    expect(schemaAccepts(body)).toBe(true);
  });

  it('requires, in each variant and its data, exactly the members the handler cannot do without', () => {
    for (const valid of [sentXml, sentJson, statusReport] as Json[]) {
      const variant = components[refName((bodySchema.discriminator as Json).mapping[valid.type])] as Json;
      // Removing a member: the schema must refuse exactly when the handler refuses.
      for (const name of Object.keys(valid)) {
        const without = { ...valid, [name]: undefined };
        expect(schemaAccepts(without), `${valid.type} without ${name}`).toBe(handlerAccepts(without));
        expect(variant.required.includes(name), `${valid.type} requires ${name}`).toBe(!handlerAccepts(without));
      }
      const data = variant.properties.data as Json;
      // document.sent needs one of edxml and document: a oneOf of required members, not a required member.
      const alternatives = new Set(((data.oneOf as Json[] | undefined) ?? []).flatMap((branch) => branch.required as string[]));
      for (const name of Object.keys(valid.data as Json)) {
        const without = { ...valid, data: { ...valid.data, [name]: undefined } };
        expect(schemaAccepts(without), `${valid.type} without data.${name}`).toBe(handlerAccepts(without));
        expect(data.required.includes(name) || alternatives.has(name), `${valid.type} requires data.${name}`).toBe(!handlerAccepts(without));
      }
    }
  });

  it('documents the Standard Webhooks headers as required header parameters, with the reader’s syntax', () => {
    // Prepare
    const headers = Object.fromEntries((operation.parameters as Json[]).filter((parameter) => parameter.in === 'header').map((parameter) => [parameter.name as string, parameter]));
    const valid = { 'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', 'webhook-timestamp': '1795662900', 'webhook-signature': 'v1,YatlwtUgkbFKVX7OWWU3NSB6e6+2xkDy4Y0IgDK61vE=' };
    const values: Record<string, [string, boolean][]> = {
      'webhook-id': [
        ['msg_1', true],
        ['a'.repeat(256), true],
        ['a'.repeat(257), false],
        ['msg.1', false],
        ['msg 1', false],
        ['', false],
        ['msg_ü', false],
      ],
      'webhook-timestamp': [
        ['0', true],
        ['1'.repeat(15), true],
        ['1'.repeat(16), false],
        ['-1', false],
        ['1.5', false],
        ['1795662900 ', false],
        ['', false],
      ],
      'webhook-signature': [
        [`${valid['webhook-signature']} v1a,${Buffer.alloc(64, 1).toString('base64')}`, true],
        ['v2,anything v9,', true],
        [Array.from({ length: 10 }, () => valid['webhook-signature']).join(' '), true],
        [Array.from({ length: 11 }, () => valid['webhook-signature']).join(' '), false],
        ['v1', false],
        [',abc', false],
        ['', false],
      ],
    };
    // Assess
    expect(Object.keys(headers).sort()).toEqual(Object.keys(valid).sort());
    for (const [name, parameter] of Object.entries(headers)) {
      expect(parameter, name).toMatchObject({ required: true, description: expect.any(String), example: valid[name as keyof typeof valid] });
      const check = ajv.compile(parameter.schema as object);
      for (const [value, accepted] of values[name] ?? []) {
        const reading = readWebhookHeaders({ ...valid, [name]: value });
        const readerAccepts = reading.ok || !reading.problems.some((problem) => problem.reason.endsWith(name));
        expect(readerAccepts, `${name}: ${JSON.stringify(value)} (reader)`).toBe(accepted);
        expect(check(value), `${name}: ${JSON.stringify(value)} (schema)`).toBe(accepted);
      }
    }
    // A known version must also be the base64 of the right length: the reader checks that, the pattern does not.
    expect(readWebhookHeaders({ ...valid, 'webhook-signature': 'v1,short' }).ok).toBe(false);
    expect(ajv.compile(headers['webhook-signature']?.schema as object)('v1,short')).toBe(true);
  });

  it('answers 202, and problem+json with what each refusal means', () => {
    // Assess
    expect(Object.keys(operation.responses).sort()).toEqual(['202', ...answersOf(receiveWebhookContract).map(String)].sort());
    for (const status of receiveWebhookContract.errors) {
      const response = operation.responses[String(status)] as Json;
      expect(response.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
      expect(response.description, String(status)).toMatch(/^Problem: ./);
    }
    expect(components.Problem).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'detail']) });
  });
});
