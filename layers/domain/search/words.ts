/**
 * Search words: what a document or an agency is found by, and what a search asks for. Both sides are
 * Vietnamese syllables folded by `foldVietnamese` (no diacritics, đ → d, lower case) and cut at every
 * character that is not a letter or a digit, so `15/QĐ-UBND` is the words `15`, `qd`, `ubnd` and
 * `qd-ubnd 15` finds it. A search matches an entry when every word of the query is one of the entry's
 * words, in any order; the last word of the query may be the beginning of a word (the user is typing it).
 */
import { foldVietnamese } from '../text.ts';

/** The words of a query: whole words, and the last one as a prefix. */
export interface SearchWords {
  /** Words that must each be a word of the entry. */
  readonly whole: readonly string[];
  /** The last word of the query: some word of the entry must begin with it. */
  readonly prefix?: string;
}

/**
 * The distinct words of a text, folded, in first-seen order.
 *
 * @example
 * wordsOf('Quyết định 15/QĐ-UBND về quyết toán') // ['quyet', 'dinh', '15', 'qd', 'ubnd', 've', 'toan']
 */
export function wordsOf(text: string): string[] {
  return [
    ...new Set(
      foldVietnamese(text)
        .split(NOT_A_WORD)
        .filter((word) => word !== ''),
    ),
  ];
}

/**
 * The words of a query `q` as a user types it: every word whole but the last, which may be unfinished.
 * Undefined when `q` holds no word at all (only punctuation or spaces): the query is then no text search.
 *
 * @example
 * searchWords('ke hoach phong ch') // { whole: ['ke', 'hoach', 'phong'], prefix: 'ch' }
 */
export function searchWords(q: string): SearchWords | undefined {
  // The prefix is the last word typed, even a word typed before ("so 1 so": whole `so` and `1`, prefix `so`).
  const typed = foldVietnamese(q)
    .split(NOT_A_WORD)
    .filter((word) => word !== '');
  const prefix = typed.at(-1);
  return prefix === undefined ? undefined : { whole: [...new Set(typed.slice(0, -1))], prefix };
}

/** True when an entry with these words matches the query: every whole word present, some word beginning with the prefix. */
export function matchesWords(entryWords: ReadonlySet<string>, query: SearchWords): boolean {
  if (!query.whole.every((word) => entryWords.has(word))) return false;
  const { prefix } = query;
  if (prefix === undefined) return true;
  for (const word of entryWords) if (word.startsWith(prefix)) return true;
  return false;
}

const NOT_A_WORD = /[^a-z0-9]+/;
