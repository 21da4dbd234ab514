/**
 * A transient storage fault while an attachment is being stored is ours, not the package's: receivePackage
 * lets the storage error go up (the axisInbox queue retries the message), records no refusal and acknowledges
 * nothing to the axis, so a genuine package is never lost to a throttled S3.
 */
import { describe, expect, it } from 'vitest';
import { receivePackage } from '#app/axis/receive';
import { buildEdocToBuffer } from '#edxml/index';
import { fakeDependencies } from '../../support/fake-dependencies.ts';

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}

/** A SAMPLE package from the listed sender with one small attachment of the given ContentType. */
function samplePackage(number: string, contentType: string): Promise<Buffer> {
  return buildEdocToBuffer(
    {
      from: { organId: '000.00.00.G12', organName: '[MẪU] Bộ' },
      to: [{ organId: '000.00.92.H26', organName: '[MẪU] Sở' }],
      documentId: `000.00.00.G12,2026/11/20,${number}/MAU`,
      code: { codeNumber: number, codeNotation: 'MAU' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      subject: 'Mẫu',
      attachments: [{ contentId: 'cid:1', attachmentName: 'a.txt', contentType, payload: new TextEncoder().encode('xin chao') }],
    },
    { strict: false },
  );
}

describe('a throttled S3 during an attachment upload', () => {
  it('throws the S3 error out of receivePackage (retried by the queue), records no refusal and acknowledges nothing', async () => {
    // Prepare: a well-formed package from the listed sender, with one attachment whose upload is throttled.
    const pkg = await samplePackage('7', 'text/plain');
    const objects = new Map<string, Uint8Array>();
    const acknowledgements: string[] = [];
    const slowDown = Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $retryable: { throttling: true }, $metadata: { httpStatusCode: 503 } });
    const deps = fakeDependencies({
      axis: () =>
        ({
          openEdoc: async () =>
            (async function* () {
              yield pkg;
            })(),
          updateStatus: async (_docId: string, status: string) => void acknowledgements.push(status),
        }) as never,
      files: {
        content: {
          storeStream: async (key: string, body: AsyncIterable<Uint8Array>) => {
            if (key.startsWith('axis/inbox/D1/')) throw slowDown;
            const bytes = await collect(body);
            objects.set(key, bytes);
            return { size: bytes.length, sha256: 'x' };
          },
          open: async (key: string) =>
            objects.has(key)
              ? {
                  body: (async function* () {
                    yield objects.get(key) as Uint8Array;
                  })(),
                }
              : undefined,
          storeObject: async (key: string, body: Uint8Array) => {
            objects.set(key, body);
            return {};
          },
        },
      } as never,
    });
    // Act
    const received = receivePackage(deps, { docId: 'D1', from: '000.00.00.G12' }, 'unit');
    // Assess: the very S3 error, not a refusal; nothing acknowledged, nothing recorded as refused.
    await expect(received).rejects.toBe(slowDown);
    expect(acknowledgements).toEqual([]);
    expect(objects.has('axis/refused/D1.json')).toBe(false);
    expect([...objects.keys()]).toEqual(['axis/inbox/D1.edxml']);
  });

  it('stores an attachment whose ContentType is no media type as application/octet-stream, instead of failing on the S3 header', async () => {
    // Prepare
    const pkg = await samplePackage('8', 'văn bản/thuần');
    const types = new Map<string, string>();
    const deps = fakeDependencies({
      axis: () =>
        ({
          openEdoc: async () =>
            (async function* () {
              yield pkg;
            })(),
          updateStatus: async () => undefined,
        }) as never,
      files: {
        content: {
          storeStream: async (key: string, body: AsyncIterable<Uint8Array>, contentType: string) => {
            types.set(key, contentType);
            const bytes = await collect(body);
            stored.set(key, bytes);
            return { size: bytes.length, sha256: 'x' };
          },
          open: async (key: string) =>
            stored.has(key)
              ? {
                  body: (async function* () {
                    yield stored.get(key) as Uint8Array;
                  })(),
                }
              : undefined,
          storeObject: async () => ({}),
        },
      } as never,
    });
    const stored = new Map<string, Uint8Array>();
    // Act: the sender is checked after the parse; whatever the outcome, the attachment was stored first.
    await receivePackage(deps, { docId: 'D2', from: '000.00.00.G12' }, 'unit').catch(() => undefined);
    // Assess
    expect(types.get('axis/inbox/D2/1')).toBe('application/octet-stream');
    expect(types.get('axis/inbox/D2.edxml')).toBe('application/xml');
  });
});
