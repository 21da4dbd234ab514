import { afterEach, describe, expect, it } from 'vitest';
import { filePolicyEnv, filePolicyFromEnvironment } from '#adapters/s3/file-policy';
import { ValidationError } from '#domain/errors';
import { checkFilePolicy, defaultFilePolicy, fileUploadRequestSchema, type FileUploadRequest } from '#domain/files/upload-request';

const SHA = 'AB'.repeat(32);
const valid = { fileName: 'Quyết định 15.pdf', contentType: 'application/pdf', size: 1024, sha256: SHA };

function issues(input: Record<string, unknown>): string[] {
  const result = fileUploadRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the upload announcement', () => {
  it('accepts a Vietnamese file name and stores the hash in lower case and the name in NFC', () => {
    // Prepare: the same name typed in decomposed form (as macOS does)
    const decomposed = 'Quyết định 15.pdf'.normalize('NFD');
    // Act
    const parsed = fileUploadRequestSchema.parse({ ...valid, fileName: decomposed, contentType: 'Application/PDF' });
    // Assess
    expect(parsed).toEqual({ fileName: 'Quyết định 15.pdf'.normalize('NFC'), contentType: 'application/pdf', size: 1024, sha256: SHA.toLowerCase() });
  });

  it.each([
    ['a folder with /', 'hoso/a.pdf'],
    ['a Windows folder with \\', 'C:\\a.pdf'],
    ['a parent reference', '..'],
    ['a control character', 'a\r\nb.pdf'],
    ['an empty name', '   '],
    ['256 characters', `${'a'.repeat(252)}.pdf`],
  ])('refuses a file name with %s', (_what, fileName) => {
    expect(issues({ ...valid, fileName })).toEqual(['fileName']);
  });

  it.each([
    ['NUL', 'a\u0000.pdf'],
    ['a tab', 'a\tb.pdf'],
    ['a trailing line break (not trimmed away)', 'quyet-dinh.pdf\n'],
    ['DEL', 'a\u007f.pdf'],
    ['a C1 control (NEL)', 'a\u0085.pdf'],
    ['a right-to-left override (U+202E)', 'hoa-don\u202efdp.exe'],
    ['a left-to-right embedding (U+202A)', 'a\u202a.pdf'],
    ['a first strong isolate (U+2068)', 'a\u2068.pdf'],
    ['a pop directional isolate (U+2069)', 'a\u2069.pdf'],
  ])('refuses a file name with %s', (_what, fileName) => {
    expect(issues({ ...valid, fileName })).toEqual(['fileName']);
  });

  it('accepts a name of exactly 255 characters', () => {
    expect(issues({ ...valid, fileName: `${'ệ'.repeat(251)}.pdf` })).toEqual([]);
  });

  it('refuses a malformed hash, size and type, naming each field', () => {
    expect(issues({ fileName: 'a.pdf', contentType: 'pdf', size: 1.5, sha256: 'xyz' }).sort()).toEqual(['contentType', 'sha256', 'size']);
    expect(issues({ ...valid, size: 0 })).toEqual(['size']);
    expect(issues({ ...valid, contentType: 'application/pdf; charset=binary' })).toEqual(['contentType']);
  });
});

describe('the file policy', () => {
  const request = (overrides: Partial<FileUploadRequest>): FileUploadRequest => ({ ...fileUploadRequestSchema.parse(valid), ...overrides });

  it('accepts every type of the default allow-list up to 50 MiB', () => {
    for (const contentType of defaultFilePolicy.allowedContentTypes) {
      expect(() => checkFilePolicy(request({ contentType, size: 50 * 1024 * 1024 }), defaultFilePolicy)).not.toThrow();
    }
  });

  it('refuses another type and a larger size with one 400 naming body.contentType and body.size', () => {
    // Act
    const error = (() => {
      try {
        checkFilePolicy(request({ contentType: 'application/x-msdownload', size: 50 * 1024 * 1024 + 1 }), defaultFilePolicy);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['body.contentType', 'body.size']);
    expect((error as ValidationError).errors[1]?.message).toContain('50 MiB');
  });

  it('follows the configured policy instead of the default', () => {
    const policy = { allowedContentTypes: ['image/png'], maxBytes: 10 };
    expect(() => checkFilePolicy(request({ contentType: 'application/pdf', size: 5 }), policy)).toThrowError(ValidationError);
    expect(() => checkFilePolicy(request({ contentType: 'image/png', size: 11 }), policy)).toThrowError(ValidationError);
    expect(() => checkFilePolicy(request({ contentType: 'image/png', size: 10 }), policy)).not.toThrow();
  });
});

describe('the file policy from the environment', () => {
  afterEach(() => {
    delete process.env[filePolicyEnv.allowedContentTypes];
    delete process.env[filePolicyEnv.maxBytes];
  });

  it('is the default when nothing is configured', () => {
    expect(filePolicyFromEnvironment()).toEqual(defaultFilePolicy);
  });

  it('reads the allow-list and the size limit', () => {
    process.env[filePolicyEnv.allowedContentTypes] = ' application/pdf , Image/PNG ';
    process.env[filePolicyEnv.maxBytes] = '20971520';
    expect(filePolicyFromEnvironment()).toEqual({ allowedContentTypes: ['application/pdf', 'image/png'], maxBytes: 20971520 });
  });

  it('fails loudly on a malformed value instead of accepting the wrong files', () => {
    process.env[filePolicyEnv.maxBytes] = '50MB';
    expect(() => filePolicyFromEnvironment()).toThrowError(/FILE_MAX_BYTES/);
    process.env[filePolicyEnv.maxBytes] = '10';
    process.env[filePolicyEnv.allowedContentTypes] = 'pdf';
    expect(() => filePolicyFromEnvironment()).toThrowError(/FILE_ALLOWED_TYPES/);
  });

  it('refuses to allow a type whose files the upload check cannot recognise by their first bytes', () => {
    process.env[filePolicyEnv.allowedContentTypes] = 'application/pdf,text/html';
    expect(() => filePolicyFromEnvironment()).toThrowError(/FILE_ALLOWED_TYPES: text\/html has no known file signature/);
  });
});
