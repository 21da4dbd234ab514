import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FILE_KEY_PREFIX, fileObjectKey, parseFileObjectKey } from '#domain/files/object-key';
import { bucket } from '#infra/definitions';
import { DOC_ID, FILE_ID } from './fakes.ts';

const ulid = fc.stringMatching(/^[0-9A-Z]{26}$/);

describe('file object keys', () => {
  it('puts every file under files/<documentId>/<fileId>, the prefix whose uploads are checked', () => {
    // Prepare / Act
    const key = fileObjectKey(DOC_ID, FILE_ID);
    // Assess
    expect(key).toBe(`files/${DOC_ID}/${FILE_ID}`);
    expect(FILE_KEY_PREFIX).toBe(bucket.uploadPrefix);
  });

  it('reads back the document and file of any key it builds, and gives distinct files distinct keys', () => {
    fc.assert(
      fc.property(ulid, ulid, ulid, (documentId, fileId, otherFileId) => {
        expect(parseFileObjectKey(fileObjectKey(documentId, fileId))).toEqual({ documentId, fileId });
        if (fileId !== otherFileId) expect(fileObjectKey(documentId, fileId)).not.toBe(fileObjectKey(documentId, otherFileId));
      }),
    );
  });

  it.each([
    ['another prefix', `exports/${DOC_ID}/${FILE_ID}`],
    ['a deeper key', `files/${DOC_ID}/${FILE_ID}/x`],
    ['a file name instead of an id', `files/${DOC_ID}/a.pdf`],
    ['a missing file id', `files/${DOC_ID}`],
    ['lower-case ids', `files/${DOC_ID.toLowerCase()}/${FILE_ID}`],
  ])('does not take %s for a file key', (_what, key) => {
    expect(parseFileObjectKey(key)).toBeUndefined();
  });

  it('refuses to build a key from something that is not an id (no path tricks)', () => {
    expect(() => fileObjectKey(DOC_ID, '../other')).toThrowError(/Not a document and file id/);
  });
});
