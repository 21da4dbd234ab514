import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDelivery, type Delivery, type DeliveryStatusCode } from '#domain/deliveries/delivery';
import { applyStatusReport, canMove } from '#domain/deliveries/ordering';

const now = new Date('2026-11-26T03:00:00Z');
const fresh = (): Delivery =>
  newDelivery(
    {
      documentId: 'D1',
      senderOrgId: '000.00.91.H26',
      recipient: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
      channel: 'webhook',
      edxmlDocumentId: '000.00.91.H26,2026/11/26,01/QĐ-UBND',
    },
    now,
  );
const source = { channel: 'webhook' as const, organId: '000.00.00.G12' };

/** Reports the codes in order, the n-th one at minute n. */
function report(delivery: Delivery, codes: readonly DeliveryStatusCode[]): Delivery {
  return codes.reduce(
    (current, code, index) => applyStatusReport(current, { code, at: `2026-11-26T09:${String(index).padStart(2, '0')}:00+07:00`, source }, now).delivery,
    delivery,
  );
}

describe('the ordering rule of delivery statuses', () => {
  it.each([
    [['01', '03', '04', '05', '06'], '06'],
    [['01', '05', '03', '04'], '05'],
    [['06', '01'], '06'],
    [['01', '02'], '02'],
    [['01', '03', '02'], '03'],
    [['02', '03', '06'], '02'],
    [['03', '13', '05'], '13'],
    [['03', '13', '15', '06'], '15'],
    [['03', '13', '16', '04'], '04'],
    [['05', '13', '16', '04'], '16'],
    [['01', '15', '16'], '01'],
  ] as const)('%j ends at %s', (codes, expected) => {
    // Act
    const delivery = report(fresh(), codes);
    // Assess
    expect(delivery.status).toBe(expected);
    expect(delivery.history).toHaveLength(codes.length);
  });

  it('records an out-of-order report in the history without applying it', () => {
    // Act
    const delivery = report(fresh(), ['04', '03']);
    // Assess
    expect(delivery.status).toBe('04');
    expect(delivery.history.map((e) => [e.code, e.applied])).toEqual([
      ['04', true],
      ['03', false],
    ]);
  });

  it('is idempotent per code: a second report of the same code changes nothing', () => {
    // Prepare
    const once = report(fresh(), ['01', '03']);
    // Act
    const again = applyStatusReport(once, { code: '03', at: '2026-11-26T10:00:00+07:00', description: 'again', source }, now);
    // Assess
    expect(again.outcome).toBe('duplicate');
    expect(again.delivery).toBe(once);
  });

  it('keeps the history in reported-time order whatever the arrival order', () => {
    // Act
    const delivery = [
      { code: '04' as const, at: '2026-11-26T11:00:00+07:00' },
      { code: '01' as const, at: '2026-11-26T09:00:00+07:00' },
    ].reduce((d, r) => applyStatusReport(d, { ...r, source }, now).delivery, fresh());
    // Assess
    expect(delivery.history.map((e) => e.code)).toEqual(['01', '04']);
    expect(delivery.version).toBe(3);
  });

  it('never moves progress backwards, for any arrival order (property)', () => {
    const progress = ['01', '03', '04', '05', '06'] as const;
    fc.assert(
      fc.property(fc.shuffledSubarray([...progress], { minLength: 1 }), (codes) => {
        // Act
        let delivery = fresh();
        let furthest = -1;
        for (const code of codes) {
          delivery = applyStatusReport(delivery, { code, at: now.toISOString(), source }, now).delivery;
          furthest = Math.max(furthest, progress.indexOf(code));
          // Assess: the status is always the furthest progress reported so far
          expect(delivery.status).toBe(progress[furthest]);
        }
      }),
    );
  });

  it('answers 15 and 16 only to a pending 13, and 02 only before registration', () => {
    // Assess
    expect(canMove({ status: '05', history: [] }, '15')).toBe(false);
    expect(canMove({ status: '13', history: [] }, '16')).toBe(true);
    expect(canMove({ status: 'sent', history: [] }, '02')).toBe(true);
    expect(canMove({ status: '03', history: [] }, '02')).toBe(false);
    expect(canMove({ status: '15', history: [] }, '13')).toBe(false);
  });
});
