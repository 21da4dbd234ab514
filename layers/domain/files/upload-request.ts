import * as z from 'zod';
import { ValidationError, type FieldIssue } from '../errors.ts';

/**
 * Characters a file name may not hold: control characters (C0 including NUL, tab and line breaks, DEL, C1),
 * which would break the Content-Disposition header of the download and the logs, and the bidirectional
 * embeddings, overrides and isolates, which make `hoá đơn<U+202E>fdp.exe` display as `hoá đơnexe.pdf`.
 */
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * What an uploader announces before sending a file: its name, type, size and SHA-256. The announcement is
 * binding: the upload URL only accepts these bytes, and the file is rejected if anything else arrives.
 */
export const fileUploadRequestSchema = z.object({
  fileName: z
    .string()
    // Before trimming, so that a trailing line break is refused, not silently dropped.
    .refine((name) => !UNSAFE_IN_FILE_NAME.test(name), 'no control characters (NUL, line breaks, DEL, C1) nor bidirectional overrides (U+202A–U+202E, U+2066–U+2069)')
    .trim()
    .min(1, 'the file name is required')
    .max(255, 'at most 255 characters')
    .refine((name) => !/[/\\]/.test(name), 'a file name, without folders (no / or \\)')
    .refine((name) => name !== '.' && name !== '..', 'a file name, not . or ..')
    // Vietnamese names typed on different systems differ in Unicode form; store one form.
    .transform((name) => name.normalize('NFC')),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/, 'a media type without parameters, e.g. application/pdf'),
  size: z.number().int('a whole number of bytes').positive('at least 1 byte'),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the content as 64 hexadecimal digits')
    .transform((hex) => hex.toLowerCase()),
});

export type FileUploadRequest = z.infer<typeof fileUploadRequestSchema>;

/** Which files an agency accepts. Configuration, not code: see layers/adapters/s3/file-policy.ts. */
export interface FilePolicy {
  readonly allowedContentTypes: readonly string[];
  readonly maxBytes: number;
}

const MiB = 1024 * 1024;

/** PDF, scans (JPEG, PNG, TIFF), Word, ZIP (edXML attachments are often zipped) and XML; up to 50 MiB. */
export const defaultFilePolicy: FilePolicy = {
  allowedContentTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'image/tiff',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/msword',
    'application/zip',
    'application/xml',
    'text/xml',
  ],
  maxBytes: 50 * MiB,
};

/**
 * Checks an announcement against the policy; names every refused field (`body.contentType`, `body.size`).
 *
 * @example
 * checkFilePolicy({ fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10, sha256 }, defaultFilePolicy)
 * // throws ValidationError with errors [{ path: 'body.contentType', ... }]
 */
export function checkFilePolicy(request: FileUploadRequest, policy: FilePolicy): void {
  const errors: FieldIssue[] = [];
  if (!policy.allowedContentTypes.includes(request.contentType)) {
    errors.push({ path: 'body.contentType', message: `${request.contentType} is not accepted; accepted types: ${policy.allowedContentTypes.join(', ')}` });
  }
  if (request.size > policy.maxBytes) {
    errors.push({ path: 'body.size', message: `at most ${policy.maxBytes} bytes (${formatMiB(policy.maxBytes)})` });
  }
  const first = errors[0];
  if (first !== undefined) throw new ValidationError(`The file cannot be accepted: ${first.path} ${first.message}.`, { errors });
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
}
