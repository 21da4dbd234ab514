import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '#domain/ports';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Time-sortable ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32), so ids of
 * documents created later sort later and carry no information beyond the time of creation.
 */
export const ulidGenerator: IdGenerator = {
  next(): string {
    let time = Date.now();
    let head = '';
    for (let i = 0; i < 10; i += 1) {
      head = ALPHABET.charAt(time % 32) + head;
      time = Math.floor(time / 32);
    }
    const random = randomBytes(16);
    let tail = '';
    for (let i = 0; i < 16; i += 1) tail += ALPHABET.charAt((random[i] ?? 0) % 32);
    return head + tail;
  },
};
