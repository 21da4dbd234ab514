import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEdocToBuffer, buildStatus, collectPayloads, edocSchema, parseEdxml, statusSchema } from '#edxml/index';
import { anyEdoc, cleanEdoc, cleanStatus } from './arbitraries.ts';

const attachmentsArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 10_000 }),
    attachmentName: fc.constantFrom('Quyết định 15.pdf', 'phụ lục <1>.docx', 'a&b.zip', 'o\'neil "x".txt'),
    contentType: fc.constantFrom('application/pdf', 'application/zip', 'application/octet-stream'),
    description: fc.option(fc.constantFrom('Bản chính', 'Phụ lục & bảng'), { nil: undefined }),
    payload: fc.uint8Array({ maxLength: 3000 }),
  }),
  { maxLength: 3, selector: (a) => a.id },
);

describe('parse(build(x)) equals x', () => {
  it('for clean document packages with attachments: same model, same bytes, no warnings', async () => {
    await fc.assert(
      fc.asyncProperty(cleanEdoc, attachmentsArb, async (edoc, files) => {
        // Prepare
        const attachments = files.map((f) => ({
          contentId: `cid:${f.id}`,
          attachmentName: f.attachmentName,
          contentType: f.contentType,
          description: f.description,
          payload: f.payload,
        }));
        const { sinkFactory, payloads } = collectPayloads();
        // Act
        const xml = await buildEdocToBuffer({ ...edoc, attachments });
        const parsed = await parseEdxml(xml, { onAttachment: sinkFactory });
        // Assess
        expect(parsed.kind).toBe('edoc');
        expect(edocSchema.parse(parsed)).toEqual(edoc);
        expect(parsed.warnings).toEqual([]);
        if (parsed.kind !== 'edoc') return;
        expect(parsed.attachments).toEqual(
          attachments.map((a) => ({
            contentId: a.contentId,
            attachmentName: a.attachmentName,
            contentType: a.contentType,
            description: a.description,
            size: a.payload.length,
            sha256: createHash('sha256').update(a.payload).digest('hex'),
            zipped: a.contentType === 'application/zip' || (a.payload[0] === 0x50 && a.payload[1] === 0x4b && a.payload[2] === 3 && a.payload[3] === 4),
          })),
        );
        files.forEach((f, i) => {
          expect(payloads.get(i) ?? Buffer.alloc(0)).toEqual(Buffer.from(f.payload));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('for any model value, messy or not, when built leniently', async () => {
    await fc.assert(
      fc.asyncProperty(anyEdoc, async (edoc) => {
        // Act
        const parsed = await parseEdxml(await buildEdocToBuffer(edoc, { strict: false }));
        // Assess
        expect(edocSchema.parse(parsed)).toEqual(edoc);
      }),
      { numRuns: 150 },
    );
  });

  it('for status packages', async () => {
    await fc.assert(
      fc.asyncProperty(cleanStatus, async (status) => {
        // Act
        const parsed = await parseEdxml(buildStatus(status));
        // Assess
        expect(parsed.kind).toBe('status');
        expect(statusSchema.parse(parsed)).toEqual(status);
        expect(parsed.warnings).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('whatever the chunking of the input', async () => {
    await fc.assert(
      fc.asyncProperty(cleanEdoc, fc.uint8Array({ minLength: 1, maxLength: 500 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (edoc, payload, cuts) => {
        // Prepare: the same bytes, cut at arbitrary places (inside tags, multi-byte characters, base64)
        const xml = await buildEdocToBuffer({ ...edoc, attachments: [{ contentId: 'cid:1', attachmentName: 'x.bin', contentType: 'application/octet-stream', payload }] });
        const at = [...new Set(cuts.map((c) => c % xml.length))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((start, i) => xml.subarray(start, at[i] ?? xml.length)).filter((p) => p.length > 0);
        // Act
        const whole = await parseEdxml(xml);
        const chunked = await parseEdxml(pieces);
        // Assess
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });
});
