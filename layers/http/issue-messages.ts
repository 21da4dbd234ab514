import type * as z from 'zod';

/**
 * The issues worded nowhere below (a date or file out of bounds, a multiple of, a bad key of a record):
 * one plain sentence. zod's own Vietnamese locale (zod/v4/locales/vi) words them too, but weighs 3 KiB in
 * every HTTP bundle (test/infra/bundles.test.ts keeps their median under 400 KiB) for issues a form rarely meets.
 */
const otherIssue = (_issue: unknown) => 'không hợp lệ';

/** The formats the contracts use, as a clerk names them. */
const FORMATS: Readonly<Record<string, string>> = {
  email: 'địa chỉ thư điện tử',
  url: 'địa chỉ URL',
  uuid: 'mã UUID',
  datetime: 'thời điểm ISO 8601',
  date: 'ngày (YYYY-MM-DD)',
  time: 'giờ (HH:MM:SS)',
  base64: 'chuỗi base64',
  base64url: 'chuỗi base64url',
  ipv4: 'địa chỉ IPv4',
  ipv6: 'địa chỉ IPv6',
};

/**
 * A validation issue in Vietnamese, worded to follow the field's path as the English ones do
 * (`body.subject là bắt buộc`): the issues a form meets — a missing field, a wrong type, too short or too
 * long, a value outside a list, a bad format — in words a clerk reads; the rest as `không hợp lệ`.
 * Only for issues whose schema says nothing itself: zod puts a schema's own message first.
 *
 * @example
 * z.string().max(3).safeParse('Hà Nội', { error: vietnameseIssue }).error?.issues[0]?.message // 'không được dài quá 3 ký tự'
 */
export const vietnameseIssue: z.core.$ZodErrorMap = (issue) => {
  // A field left out, whatever it should have been: a string, one of a list, one of several shapes.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) return 'là bắt buộc';
  switch (issue.code) {
    case 'invalid_type':
      return `phải là ${typeNoun(issue.expected)}, không phải ${typeNoun(kindOf(issue.input))}`;
    case 'too_small':
      return bound('small', issue.origin, issue.minimum, issue.inclusive === true, issue.exact === true) ?? otherIssue(issue);
    case 'too_big':
      return bound('big', issue.origin, issue.maximum, issue.inclusive === true, issue.exact === true) ?? otherIssue(issue);
    case 'invalid_value':
      return issue.values.length === 1 ? `phải là ${shown(issue.values[0])}` : `phải là một trong các giá trị: ${issue.values.map(shown).join(', ')}`;
    case 'invalid_format':
      return issue.format in FORMATS ? `phải là ${FORMATS[issue.format]} hợp lệ` : 'không đúng định dạng';
    case 'unrecognized_keys':
      return `có trường không được dùng ở đây: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'không khớp với dạng nào được chấp nhận';
    default:
      return otherIssue(issue);
  }
};

const NOUNS: Readonly<Record<string, string>> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'null',
  date: 'ngày',
  nan: 'NaN',
};

function typeNoun(type: string): string {
  return NOUNS[type] ?? type;
}

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** A length or a number out of its bounds; undefined for the other origins (dates, files). */
function bound(side: 'small' | 'big', origin: string, limit: number | bigint, inclusive: boolean, exact: boolean): string | undefined {
  const unit = origin === 'string' ? 'ký tự' : origin === 'array' || origin === 'set' ? 'phần tử' : undefined;
  if (unit !== undefined) {
    if (exact) return `phải có đúng ${limit} ${unit}`;
    if (side === 'small') return origin === 'string' && limit === 1 && inclusive ? 'không được để trống' : `phải có ít nhất ${inclusive ? limit : Number(limit) + 1} ${unit}`;
    return `không được quá ${inclusive ? limit : Number(limit) - 1} ${unit}`;
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (side === 'small') return inclusive ? `phải từ ${limit} trở lên` : `phải lớn hơn ${limit}`;
    return inclusive ? `không được lớn hơn ${limit}` : `phải nhỏ hơn ${limit}`;
  }
  return undefined;
}
