import { LimitExceededError, reasonOf } from '../errors.ts';
import type { Change, ChangeCategory } from '../report.ts';
import { acroFormRule, annotationRule, annotsRule, catalogRule, fieldRule, pageRule, undefinedChange, type RuleInput } from './change-rules.ts';
import { isStream, pdfEquals, type PdfIndirect, type PdfValue } from './objects.ts';
import { onlySpace, revisionEnds } from './file.ts';
import type { PdfRevision } from './revision.ts';
import { scanObjectHeaders } from './scan.ts';
import { objectRoles, pageCount, type ObjectRoles } from './roles.ts';

/** What happened to the document after a signature's revision. */
export interface ChangeAnalysis {
  readonly changes: readonly Change[];
  readonly signedPages: number;
  readonly finalPages: number;
  /** The final cross-reference chain does not pass through the signed revision's (a rewrite, not an update). */
  readonly rewritten: boolean;
}

/**
 * Compares the signed revision with the final one object by object and classifies every difference:
 * `extension` (DSS, document timestamps), `form-fill` (fields and signatures), `annotation`,
 * `metadata`, `pages` (page tree) or `undefined` — anything that may change what the signed pages show.
 * Objects rewritten with identical values are not changes.
 *
 * @example
 * const { changes } = analyseChanges(signedRevision, finalRevision);
 */
export function analyseChanges(signed: PdfRevision, final: PdfRevision): ChangeAnalysis {
  const before = objectRoles(signed);
  const finalPages = pageCount(final);
  const changes: Change[] = [];
  const numbers = new Set([...signed.xref.keys(), ...final.xref.keys(), ...before.content]);
  for (const num of numbers) {
    final.budget.check();
    const a = signed.xref.get(num);
    const b = final.xref.get(num);
    if (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)) continue;
    const old = read(signed, num);
    const now = read(final, num);
    if ('error' in now) {
      changes.push(undefinedChange(num, `object ${num} of the final revision is damaged: ${now.error}`));
      continue;
    }
    const oldValue = 'error' in old ? null : (old.object?.value ?? null);
    const newValue = now.object?.value ?? null;
    if (pdfEquals(oldValue, newValue)) continue;
    const change = classify(num, oldValue, newValue, before, signed, final);
    if (change !== undefined) changes.push(change);
  }
  for (const key of ['Root', 'Encrypt']) {
    // A new catalog (or encryption) under the same bytes replaces the whole document without touching an old object.
    if (!pdfEquals(signed.trailer.entries.get(key) ?? null, final.trailer.entries.get(key) ?? null))
      changes.push(undefinedChange(null, `the trailer /${key} was changed: the document was replaced`));
  }
  if (before.pageList.length !== finalPages) {
    changes.push({ category: 'pages', object: null, description: `the signed revision has ${before.pageList.length} page(s), the final document ${finalPages}` });
  }
  const rewritten = !final.sections.some((section) => section.offset === signed.startxref);
  return { changes, signedPages: before.pageList.length, finalPages, rewritten };
}

function classify(num: number, old: PdfValue, now: PdfValue, roles: ObjectRoles, signed: PdfRevision, final: PdfRevision): Change | undefined {
  const input: RuleInput = { num, old, now, signed, final };
  const what = (category: ChangeCategory, description: string): Change => ({ category, object: num, description });
  const inPlace = isStream(old) || isStream(now);
  if (roles.signatures.has(num)) return undefinedChange(num, `signature dictionary ${num} was changed after signing`);
  if (roles.content.has(num)) return undefinedChange(num, `object ${num}, part of the signed page content or resources, was ${now === null ? 'removed' : 'changed'}`);
  if (roles.pageList.includes(num)) return pageRule(input);
  if (roles.pageTree.has(num)) return what('pages', `page tree node ${num} was changed`);
  if (num === roles.catalog) return catalogRule(input);
  if (num === roles.acroForm) return acroFormRule(input);
  if (roles.annotArrays.has(num)) return annotsRule(input);
  if ((roles.form.has(num) || roles.annotations.has(num)) && inPlace) return undefinedChange(num, `appearance or resource stream ${num} was rewritten in place`);
  if (roles.form.has(num)) return fieldRule(input);
  if (roles.annotations.has(num)) return annotationRule(input);
  if (roles.dss.has(num)) return what('extension', `DSS object ${num} was changed`);
  if (roles.metadata.has(num)) return what('metadata', `document information or XMP object ${num} was changed`);
  if (roles.structure.has(num)) return what('metadata', `structure tree object ${num} was changed`);
  if (roles.other.has(num)) return undefinedChange(num, `object ${num} (outline, name tree, action or other catalog entry) was changed`);
  // An object the signed revision did not use: harmless by itself; whatever starts using it is a change
  // of its own (a page, the catalog, a form field) and is classified there.
  return old === null ? undefined : what('metadata', `unused object ${num} was changed`);
}

function read(revision: PdfRevision, num: number): { object: PdfIndirect | undefined } | { error: string } {
  try {
    return { object: revision.object(num) };
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return { error: reasonOf(error) };
  }
}

/**
 * Objects physically written after `from` that no cross-reference section of the final revision lists,
 * and bytes after the last `%%EOF`: content a repairing viewer may show although the signed structure
 * does not include it. Object headers inside a listed object's stream data are not counted.
 *
 * @example
 * const hidden = unlistedAfter(bytes, finalRevision, byteRange.end);
 */
export function unlistedAfter(bytes: Uint8Array, final: PdfRevision, from: number): Change[] {
  const listed = new Set<number>(final.sections.map((s) => s.offset));
  for (const section of final.sections) for (const entry of section.entries.values()) if (entry.type === 'offset') listed.add(entry.offset);
  const candidates = scanObjectHeaders(bytes, final.budget, from).filter((h) => !listed.has(h.offset));
  const spans = candidates.length === 0 ? [] : [...listed].filter((o) => o >= from).flatMap((offset) => span(final, offset));
  const changes: Change[] = candidates
    .filter((h) => !spans.some(([start, end]) => h.offset > start && h.offset < end))
    .map((h) => undefinedChange(h.num, `object ${h.num} at byte ${h.offset} was written after signing but no cross-reference section lists it`));
  const ends = revisionEnds(bytes);
  const last = ends[ends.length - 1] ?? bytes.length;
  if (last >= from && !onlySpace(bytes, last, bytes.length)) changes.push(undefinedChange(null, `${bytes.length - last} byte(s) follow the last %%EOF`));
  return changes;
}

function span(revision: PdfRevision, offset: number): [number, number][] {
  try {
    const object = revision.objectAt(offset);
    return [[object.start, object.end]];
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    // An unreadable listed object has no span; the candidate header then counts as unlisted.
    return [];
  }
}
