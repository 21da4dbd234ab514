import * as z from 'zod';
import { fileFormats } from '#domain/files/format';
import { defaultFilePolicy, type FilePolicy } from '#domain/files/upload-request';
import { optional } from '../config.ts';

/** Environment variables that override the default file policy (both optional). */
export const filePolicyEnv = {
  /** Comma-separated media types, e.g. `application/pdf,image/png`. */
  allowedContentTypes: 'FILE_ALLOWED_TYPES',
  maxBytes: 'FILE_MAX_BYTES',
} as const;

const typesSchema = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((type) => type.trim().toLowerCase())
      .filter((type) => type !== ''),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/)
          // The upload check must be able to tell such a file by its first bytes (layers/domain/files/format.ts).
          .refine((type) => Object.hasOwn(fileFormats, type), {
            error: (issue) => `${String(issue.input)} has no known file signature; known: ${Object.keys(fileFormats).join(', ')}`,
          }),
      )
      .min(1),
  );
const maxBytesSchema = z.coerce.number().int().positive();

/**
 * The file policy of this deployment: the defaults (layers/domain/files/upload-request.ts) unless the
 * environment says otherwise. A malformed value throws at start-up rather than accept the wrong files.
 *
 * @example
 * process.env.FILE_MAX_BYTES = String(20 * 1024 * 1024);
 * filePolicyFromEnvironment().maxBytes // 20971520
 */
export function filePolicyFromEnvironment(): FilePolicy {
  const types = optional(filePolicyEnv.allowedContentTypes);
  const maxBytes = optional(filePolicyEnv.maxBytes);
  return {
    allowedContentTypes: types === undefined ? defaultFilePolicy.allowedContentTypes : parse(typesSchema, types, filePolicyEnv.allowedContentTypes),
    maxBytes: maxBytes === undefined ? defaultFilePolicy.maxBytes : parse(maxBytesSchema, maxBytes, filePolicyEnv.maxBytes),
  };
}

function parse<T>(schema: z.ZodType<T>, value: string, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Invalid ${name}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}
