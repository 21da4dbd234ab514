import { describe, expect, it } from 'vitest';
import { isCityCode } from '#app/webhooks/city';
import { receiveWebhook } from '#app/webhooks/inbound';
import { createWebhookKey } from '#app/webhooks/manage-keys';
import type { RequestContext } from '#app/context';
import type { OrganisationUnit } from '#domain/agency/unit';
import { UnprocessableError } from '#domain/errors';
import type { Role } from '#domain/identity/principal';
import { generateSecret, parseSecret, signWebhook } from '#webhooks/index';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { fakeWebhooks, markingCipher } from '../webhook-support/fakes.ts';

/**
 * Inbound webhooks are for agencies outside the city: no key is minted for a city agency, and a delivery
 * that claims a city sender is refused whatever key signed it — otherwise an agency admin could mint a key
 * for their own agency and send documents to any city agency without draft, approval, issue or number.
 */
const CITY = '000.00.00.H26';
const DEPT = '000.00.91.H26';
const OTHER_DEPT = '000.00.92.H26';
const MINISTRY = '000.00.00.G12';
const now = new Date('2026-11-26T03:00:00Z');
const secret = generateSecret();
let sequence = 0;

const unit = (code102: string): OrganisationUnit => ({ code102, name: `Agency ${code102}` }) as OrganisationUnit;
const ctx = (organId: string, roles: Role[]): RequestContext => ({ principal: { sub: 'admin-1', organId, roles, name: 'Admin' }, correlationId: 'c' });

function world() {
  const webhooks = fakeWebhooks();
  const directory = new Map([CITY, DEPT, OTHER_DEPT, MINISTRY].map((code) => [code, unit(code)]));
  const agencies = {
    get: async (code: string) => directory.get(code),
    getMany: async (codes: readonly string[]) => new Map(codes.flatMap((c) => (directory.has(c) ? [[c, unit(c)] as const] : []))),
  };
  const deps = fakeDependencies({ webhooks, agencies: agencies as never, clock: { now: () => now } });
  return { webhooks, deps };
}

/** A key stored for the agency as if minted before the rule (the store is not asked to refuse it). */
async function legacyKey(webhooks: ReturnType<typeof fakeWebhooks>, organId: string): Promise<void> {
  await webhooks.store.putKey({
    organId,
    keyId: 'key_legacy',
    kind: 'hmac',
    status: 'active',
    createdAt: '',
    createdBy: { sub: 'a', name: 'a' },
    encryptedSecret: await markingCipher.encrypt(parseSecret(secret), { organId, keyId: 'key_legacy' }),
  });
}

function post(deps: ReturnType<typeof world>['deps'], organId: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const headers = signWebhook({ id: `msg_${(sequence += 1)}`, timestamp: now, rawBody: Buffer.from(body), hmacSecrets: [parseSecret(secret)] });
  return receiveWebhook(deps, { organId, headers: { ...headers }, body, isBase64Encoded: false, correlationId: 'c' });
}

const documentSent = (from: string, to: string[]) => ({
  type: 'document.sent',
  data: {
    to,
    document: {
      from: { organId: from, organName: 'UBND thành phố Hà Nội' },
      documentId: `${from},2026/11/20,15/QĐ-UBND`,
      code: { codeNumber: '15', codeNotation: 'QĐ-UBND' },
      promulgationInfo: { promulgationDate: '2026-11-20' },
      documentType: { typeName: 'Quyết định' },
      subject: 'Về việc điều động cán bộ',
    },
  },
});

async function refusal(work: Promise<unknown>): Promise<UnprocessableError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnprocessableError);
  return error as UnprocessableError;
}

describe('the city and its agencies', () => {
  it.each([
    [CITY, CITY, true],
    [CITY, 'H26', true],
    [CITY, DEPT, true],
    [CITY, 'H26.91', true],
    [CITY, '012.05.91.H26', true],
    ['H26', '000.00.91.H26', true],
    [CITY, MINISTRY, false],
    [CITY, '000.00.00.H27', false],
    [DEPT, OTHER_DEPT, false],
    [CITY, 'not a code', false],
  ])('city %s: %s is a city agency → %s', (cityCode, code, expected) => {
    // Assess
    expect(isCityCode(cityCode, code)).toBe(expected);
  });
});

describe('inbound webhook keys are for agencies outside the city', () => {
  it.each([
    ['an agency admin, for their own agency', DEPT, ctx(DEPT, ['admin'])],
    ['the city administrator, for a city agency', OTHER_DEPT, ctx(CITY, ['city-admin'])],
    ['the city administrator, for the city itself', CITY, ctx(CITY, ['city-admin'])],
  ])('refuses %s (422 city-agency), writing nothing', async (_name, organId, context) => {
    // Prepare
    const { deps, webhooks } = world();
    // Act
    const error = await refusal(createWebhookKey(deps, context, organId, { kind: 'hmac' }));
    // Assess
    expect(error.type).toBe('city-agency');
    expect(error.errors).toEqual([{ path: 'path.organId', message: 'must be an agency outside the city' }]);
    expect(webhooks.store.keys.size).toBe(0);
  });

  it('still mints keys for an agency outside the city', async () => {
    // Prepare
    const { deps, webhooks } = world();
    // Act
    const created = await createWebhookKey(deps, ctx(CITY, ['city-admin']), MINISTRY, { kind: 'hmac' });
    // Assess
    expect(created.key.organId).toBe(MINISTRY);
    expect(webhooks.store.keys.size).toBe(1);
  });
});

describe('a delivery that claims a city sender', () => {
  it('is refused on the path of a city agency even when a (legacy) key of it signed, before any key is read', async () => {
    // Prepare
    const { deps, webhooks } = world();
    await legacyKey(webhooks, DEPT);
    let keyReads = 0;
    const listKeys = webhooks.store.listKeys.bind(webhooks.store);
    webhooks.store.listKeys = (organId) => ((keyReads += 1), listKeys(organId));
    // Act
    const error = await refusal(post(deps, DEPT, documentSent(DEPT, [OTHER_DEPT])));
    // Assess
    expect(error.type).toBe('city-sender');
    expect(error.errors).toEqual([{ path: 'path.organId', message: 'must be an agency outside the city' }]);
    expect(keyReads).toBe(0);
    expect(webhooks.store.receipts.size + webhooks.store.arrivals.size).toBe(0);
  });

  it.each([
    ['a package whose From is a city agency', documentSent(DEPT, [OTHER_DEPT]), 'body.data.document.from.organId'],
    ['a package whose From is the city (QĐ 20 notation)', documentSent('H26', [OTHER_DEPT]), 'body.data.document.from.organId'],
    [
      'a status reported "from" a city agency',
      { type: 'document.status', data: { documentId: `${DEPT},2026/11/26,01/QĐ-UBND`, from: OTHER_DEPT, statusCode: '03', timestamp: '2026-11-26T10:00:00+07:00' } },
      'body.data.from',
    ],
  ])('is refused when signed by an outside agency: %s', async (_name, payload, path) => {
    // Prepare
    const { deps, webhooks } = world();
    await legacyKey(webhooks, MINISTRY);
    // Act
    const error = await refusal(post(deps, MINISTRY, payload));
    // Assess
    expect(error.type).toBe('city-sender');
    expect(error.errors).toEqual([{ path, message: 'must be an agency outside the city' }]);
    expect(webhooks.store.receipts.size + webhooks.store.arrivals.size).toBe(0);
  });
});
