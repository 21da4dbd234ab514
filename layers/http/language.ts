import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { vietnameseIssue } from './issue-messages.ts';

/**
 * The languages of the API's own words — problem titles, the route's refusals, validation messages:
 * English, as it always answered, and Vietnamese (`vi`), the portal's language.
 */
export type Language = 'en' | 'vi';

/** The language of a request that names none the API speaks. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** The languages the API speaks, the default first: what `*` alone gets. */
const SPOKEN: readonly Language[] = ['en', 'vi'];

/** A header longer than this is not a browser's: ignored (the default language), never parsed. */
const MAX_HEADER_LENGTH = 512;

/** One element of Accept-Language (RFC 9110 §12.5.4): a language range and an optional weight. */
const ELEMENT = /^([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/;

/**
 * The language to answer a request in, from its `Accept-Language` (RFC 9110 §12.5.4): the spoken language
 * with the highest weight above 0, a range naming it by its primary subtag (`vi-VN` asks for `vi`); a
 * language no range names takes the weight of `*`. Equal weights go to the range listed first, a named
 * language before `*`. An element that is not a well-formed range with a weight of 0–1 (3 decimals) is
 * skipped; a header with none, absent, or that names no spoken language: English, the default.
 *
 * @example
 * negotiateLanguage('vi-VN,vi;q=0.9,en;q=0.8') // 'vi'
 * negotiateLanguage('en;q=0.9, vi;q=0.8')      // 'en'
 * negotiateLanguage('fr')                      // 'en'
 */
export function negotiateLanguage(header: string | undefined): Language {
  if (header === undefined || header.length > MAX_HEADER_LENGTH) return DEFAULT_LANGUAGE;
  const ranges = header
    .split(',')
    .map((element) => ELEMENT.exec(element.trim()))
    .flatMap((match, position) =>
      match === null ? [] : [{ primary: (match[1] ?? '').split('-')[0]?.toLowerCase() ?? '', weight: match[2] === undefined ? 1 : Number(match[2]), position }],
    );
  const wildcard = ranges.find((range) => range.primary === '*');
  const offers = SPOKEN.map((language) => {
    const named = ranges.filter((range) => range.primary === language);
    // A language takes the highest weight a range naming it gives; `*` speaks only for those no range names.
    const best = named.length > 0 ? named.reduce((a, b) => (b.weight > a.weight ? b : a)) : wildcard;
    return { language, weight: best?.weight ?? 0, named: named.length > 0, position: best?.position ?? 0 };
  });
  // Sorting is stable: languages only `*` accepts keep the order of SPOKEN, the default first.
  const [chosen] = offers
    .filter((offer) => offer.weight > 0)
    .sort((a, b) => b.weight - a.weight || Number(b.named) - Number(a.named) || (a.named && b.named ? a.position - b.position : 0));
  return chosen?.language ?? DEFAULT_LANGUAGE;
}

/** The language a request asks for in its `Accept-Language` header. */
export function requestLanguage(event: Pick<APIGatewayProxyEventV2, 'headers'>): Language {
  const headers = event.headers ?? {};
  const value = headers['accept-language'] ?? Object.entries(headers).find(([name]) => name.toLowerCase() === 'accept-language')?.[1];
  return negotiateLanguage(value);
}

/**
 * The error map of a parse in this language: `schema.safeParse(value, { error: zodErrorMap(language) })`.
 * It words only the issues whose schema has no message of its own (a message written into a schema wins,
 * in zod's order), and never touches zod's global configuration, which every request shares.
 */
export function zodErrorMap(language: Language): z.core.$ZodErrorMap | undefined {
  return language === 'vi' ? vietnameseIssue : undefined;
}
