import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { DomainError, ValidationError, type ErrorKind, type FieldIssue } from '#domain/errors';
import type { Language } from './language.ts';
import { routeMessages } from './messages.ts';

/** RFC 9457 problem details, the body of every error response. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  correlationId: z.string().optional(),
  /** Details of the error whose names are taken by the members above (e.g. a document's `status`). */
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Members that details of an error can never overwrite: RFC 9457's own, ours, and `details`, where the
 * details that would clash with them go instead.
 */
const RESERVED_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors', 'correlationId', 'details']);

const statusByKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unprocessable: 422,
  busy: 503,
};

/** The title of each status, in each language the API speaks (layers/http/language.ts). */
const titles: Readonly<Record<Language, Readonly<Record<number, string>>>> = {
  en: {
    400: 'Bad request',
    401: 'Not signed in',
    403: 'Not allowed',
    404: 'Not found',
    409: 'Conflict',
    413: 'Too large',
    422: 'Cannot be processed',
    500: 'Internal error',
    503: 'Busy',
    504: 'Gateway timeout',
  },
  vi: {
    400: 'Yêu cầu không hợp lệ',
    401: 'Chưa đăng nhập',
    403: 'Không có quyền',
    404: 'Không tìm thấy',
    409: 'Xung đột',
    413: 'Quá lớn',
    422: 'Không thể xử lý',
    500: 'Lỗi hệ thống',
    503: 'Hệ thống đang bận',
    504: 'Hết thời gian chờ',
  },
};

/** The problem title of a status in a language; a status without one is "Error" (Lỗi). */
export function problemTitle(status: number, language: Language = 'en'): string {
  return titles[language][status] ?? (language === 'vi' ? 'Lỗi' : 'Error');
}

/**
 * Turns any error into a problem response; only domain errors (status < 500) show their message. The
 * error's details become extension members (`existing`, `allowed`), except those named like a member of
 * the problem itself, which go under `details`: a 409 about a document in status `draft` still answers
 * `"status": 409`, with `"details": { "status": "draft" }`. The title (and the detail of a 500) is in the
 * request's language, with `Content-Language: vi` when it is Vietnamese; the detail of a domain error is
 * its message, as the use case wrote it.
 *
 * @example
 * problemResponse(new ConflictError('document-issued', 'frozen', { details: { status: 'issued' } }), 'req-1')
 * // body: { type: '…/document-issued', title: 'Conflict', status: 409, detail: 'frozen', correlationId: 'req-1', details: { status: 'issued' } }
 */
export function problemResponse(error: unknown, correlationId: string, language: Language = 'en'): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const status = statusByKind[error.kind];
    const { extensions, clashing } = splitDetails(error.details);
    return respond(
      status,
      {
        ...extensions,
        type: `https://vanthu.hanoi.gov.vn/problems/${error.type}`,
        title: problemTitle(status, language),
        status,
        detail: error.message,
        // Only the two documented fields of an issue: whatever else an error object carries stays inside.
        ...(error.errors.length > 0 ? { errors: error.errors.map((issue) => ({ path: String(issue.path), message: String(issue.message) })) } : {}),
        correlationId,
        ...(Object.keys(clashing).length > 0 ? { details: clashing } : {}),
      },
      correlationId,
      language,
    );
  }
  return respond(
    500,
    {
      type: 'https://vanthu.hanoi.gov.vn/problems/internal',
      title: problemTitle(500, language),
      status: 500,
      detail: routeMessages[language].internal(correlationId),
      correlationId,
    },
    correlationId,
    language,
  );
}

/**
 * The answer when the function is about to reach its timeout: 504, problem+json. The work may still be
 * finishing, so the outcome is unknown; a write retried with the same Idempotency-Key is never done twice.
 * The detail has always been in Vietnamese; the title follows the request's language.
 */
export function timeoutResponse(correlationId: string, language: Language = 'en'): APIGatewayProxyStructuredResultV2 {
  return respond(
    504,
    {
      type: 'https://vanthu.hanoi.gov.vn/problems/timeout',
      title: problemTitle(504, language),
      status: 504,
      detail: `Yêu cầu chưa xử lý xong trong thời gian cho phép; chưa rõ kết quả. Hãy kiểm tra lại, hoặc gửi lại với cùng Idempotency-Key. Mã tra cứu: ${correlationId}.`,
      correlationId,
    },
    correlationId,
    language,
  );
}

/**
 * Converts zod issues into a ValidationError whose paths start with `body`, `query` or `path`, summarised
 * in the language asked for (the issues' messages are in the language the parse was given: zodErrorMap).
 */
export function validationFromZod(where: 'body' | 'query' | 'path' | 'header', error: z.ZodError, language: Language = 'en'): ValidationError {
  const errors: FieldIssue[] = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? routeMessages[language].required : issue.message,
  }));
  return validationError(errors, language);
}

/** One ValidationError for several field issues, summarised in its message in the language asked for. */
export function validationError(errors: readonly FieldIssue[], language: Language = 'en'): ValidationError {
  const [first] = errors;
  const messages = routeMessages[language];
  return new ValidationError(first === undefined ? messages.notValid : messages.notValidAt(first, errors.length - 1), { errors });
}

/** Details as extension members, and those whose names are reserved set apart. */
function splitDetails(details: Readonly<Record<string, unknown>>): { extensions: Record<string, unknown>; clashing: Record<string, unknown> } {
  const entries = Object.entries(details);
  // fromEntries defines own properties, so a detail named `__proto__` stays a plain member.
  return {
    extensions: Object.fromEntries(entries.filter(([name]) => !RESERVED_MEMBERS.has(name))),
    clashing: Object.fromEntries(entries.filter(([name]) => RESERVED_MEMBERS.has(name))),
  };
}

/** A problem answer; its words depend on Accept-Language, which caches are told (`Vary`). */
function respond(status: number, body: Record<string, unknown>, correlationId: string, language: Language): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'x-correlation-id': correlationId,
      vary: 'accept-language',
      ...(language === 'vi' ? { 'content-language': 'vi' } : {}),
    },
    body: JSON.stringify(body),
  };
}
