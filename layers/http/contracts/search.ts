import * as z from 'zod';

/**
 * The `q` of a list that searches (layers/domain/search/words.ts): words of `what`, with or without
 * diacritics, in any order, the last one possibly unfinished; `example` shows a query.
 */
export function searchQuery(what: string, example: string): z.ZodOptional<z.ZodString> {
  return z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(`words of ${what}, with or without diacritics, in any order; an entry matches when it holds every word, the last one possibly unfinished (${example})`);
}
