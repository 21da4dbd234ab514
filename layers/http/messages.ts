import { DomainError, ForbiddenError, UnauthenticatedError, type FieldIssue } from '#domain/errors';
import type { Principal, Role } from '#domain/identity/principal';
import { roleVocabulary } from '#domain/vocabulary/identity';
import type { Language } from './language.ts';

/**
 * What the route and the problem answers say themselves, in each language the API speaks: typed by one
 * shape, so a sentence added in English without its Vietnamese fails to compile. The domain's own messages
 * (a duplicate, a workflow step) stay as the use cases wrote them.
 */
export interface RouteMessages {
  /** The detail of a 400 on fields, without any. */
  readonly notValid: string;
  /** The detail of a 400 naming its first field issue and how many follow. */
  readonly notValidAt: (first: FieldIssue, more: number) => string;
  readonly bodyTooLarge: (bytes: number) => string;
  readonly tooLarge: string;
  readonly bodyRequired: string;
  readonly required: string;
  readonly bodyNotJson: string;
  readonly idempotencyKey: string;
  readonly idempotencyKeyIssue: string;
  /** The detail of a 500: nothing changed, and the id to quote. */
  readonly internal: (correlationId: string) => string;
}

export const routeMessages: Readonly<Record<Language, RouteMessages>> = {
  en: {
    notValid: 'The request is not valid.',
    notValidAt: (first, more) => `The request is not valid: ${first.path} ${first.message}${more > 0 ? ` (and ${more} more)` : ''}.`,
    bodyTooLarge: (bytes) => `The request body is larger than ${bytes} bytes.`,
    tooLarge: 'too large',
    bodyRequired: 'The request needs a JSON body.',
    required: 'is required',
    bodyNotJson: 'The request body is not valid JSON.',
    idempotencyKey: 'The Idempotency-Key header must be 8–128 letters, digits or ._:-',
    idempotencyKeyIssue: 'expected 8–128 characters of A–Z a–z 0–9 . _ : -',
    internal: (correlationId) => `Something went wrong on our side; nothing was changed. Quote ${correlationId} when you report it.`,
  },
  vi: {
    notValid: 'Yêu cầu không hợp lệ.',
    notValidAt: (first, more) => `Yêu cầu không hợp lệ: ${first.path} ${first.message}${more > 0 ? ` (và ${more} lỗi khác)` : ''}.`,
    bodyTooLarge: (bytes) => `Nội dung yêu cầu lớn hơn ${bytes} byte.`,
    tooLarge: 'quá lớn',
    bodyRequired: 'Yêu cầu cần có nội dung JSON.',
    required: 'là bắt buộc',
    bodyNotJson: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    idempotencyKey: 'Tiêu đề Idempotency-Key phải gồm 8–128 chữ cái, chữ số hoặc ._:-',
    idempotencyKeyIssue: 'cần 8–128 ký tự trong A–Z a–z 0–9 . _ : -',
    internal: (correlationId) => `Hệ thống gặp lỗi; chưa có gì thay đổi. Khi báo lỗi, hãy nêu mã ${correlationId}.`,
  },
};

/**
 * The refusals the route makes before it reads the request — a token without the claims (401), a caller
 * whose roles may not perform the operation (403) — in the request's language; the same type, details and
 * field paths, the English error as the cause. Any other error is returned as it is.
 */
export function refusalIn(language: Language, error: unknown, principal?: Principal): unknown {
  if (language === 'en' || !(error instanceof DomainError)) return error;
  if (error instanceof UnauthenticatedError) {
    return new UnauthenticatedError(
      error.errors.length === 0 ? 'Hãy đăng nhập trước: gửi Authorization: Bearer <token>.' : 'Token không có đủ các thông tin vanthu cần (sub, organId, roles, name).',
      { errors: error.errors, details: { ...error.details }, cause: error },
    );
  }
  if (error instanceof ForbiddenError && principal !== undefined) {
    const allowed = (error.details.allowed ?? []) as readonly Role[];
    const named = (roles: readonly string[]) => roles.map((role) => (roleVocabulary.labels as Readonly<Record<string, string>>)[role] ?? role).join(', ');
    return new ForbiddenError(`Vai trò của bạn (${named(principal.roles)}) không được thực hiện thao tác này; cần một trong các vai trò: ${named(allowed)}.`, {
      details: { ...error.details },
      cause: error,
    });
  }
  return error;
}
