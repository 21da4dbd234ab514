import { parseAgencyCode } from '../agency/code.ts';
import { wordsOf } from '../search/words.ts';
import type { Document } from './document.ts';

/**
 * What a document is found by (layers/domain/search/words.ts): its type, subject and printed number and
 * notation; for an incoming one also its issuer's name and code in both notations. An outgoing document
 * has a number only once issued.
 *
 * @example
 * documentWords(incoming) // ['quyet', 'dinh', 've', …, '15', 'qd', 'ubnd', 'uy', 'ban', …, '000', '00', '91', 'h26', 'h26']
 */
export function documentWords(document: Document): string[] {
  return wordsOf(documentText(document));
}

/** The text documentWords cuts into words. */
export function documentText(document: Document): string {
  if (document.direction === 'incoming') {
    return [document.typeName, document.subject, `${document.codeNumber}/${document.codeNotation}`, issuerText(document.issuer)].join(' ');
  }
  const notation = document.issue === undefined ? '' : `${document.issue.codeNumber}/${document.issue.codeNotation}`;
  return [document.typeName, document.subject, notation].join(' ');
}

/** The issuer as its name and, when it has one, its code in both notations (000.00.00.G12 and G12). */
export function issuerText(issuer: { readonly organId?: string | undefined; readonly organName: string }): string {
  const code = issuer.organId === undefined ? undefined : parseAgencyCode(issuer.organId);
  const codes = code?.ok === true ? [code.code.code102, code.code.qd20] : issuer.organId === undefined ? [] : [issuer.organId];
  return [issuer.organName, ...codes].join(' ');
}
