import { describe, expect, it } from 'vitest';
import { startOfVietnamDay, vietnamDate, vietnamTimestamp, vietnamYear } from '#domain/time';

describe('Vietnam time (UTC+7)', () => {
  it('puts 17:00 UTC on 31 December into the next year', () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59.999Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00.000Z'))).toBe(2027);
    expect(vietnamDate(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  });

  it('keeps early-morning Vietnam times on the Vietnam date, not the UTC one', () => {
    expect(vietnamDate(new Date('2026-03-01T18:30:00Z'))).toBe('2026-03-02');
    expect(vietnamTimestamp(new Date('2026-03-01T18:30:00Z'))).toBe('2026-03-02T01:30:00+07:00');
  });

  it('starts a Vietnam day at 17:00 UTC the day before', () => {
    expect(startOfVietnamDay('2027-01-01').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });
});
