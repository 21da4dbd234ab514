import { LimitExceededError, reasonOf } from '../errors.ts';
import type { Change, ChangeCategory } from '../report.ts';
import { changedKeys, dictOf, isArray, isRef, nameOf, pdfEquals, type PdfIndirect, type PdfValue } from './objects.ts';
import type { PdfRevision } from './revision.ts';
import { objectRoles, type ObjectRoles } from './roles.ts';

/** What happened to the document after a signature's revision. */
export interface ChangeAnalysis {
  readonly changes: readonly Change[];
  readonly signedPages: number;
  readonly finalPages: number;
  /** The final cross-reference chain does not pass through the signed revision's (a rewrite, not an update). */
  readonly rewritten: boolean;
}

/** Catalog entries a later revision may add or change: DSS/LTV data, the form, extensions, XMP. */
const CATALOG_PERMITTED = new Map<string, ChangeCategory>([
  ['DSS', 'extension'],
  ['Extensions', 'extension'],
  ['AcroForm', 'form-fill'],
  ['Metadata', 'metadata'],
]);

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
  const after = objectRoles(final);
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
      changes.push({ category: 'undefined', object: num, description: `object ${num} of the final revision is damaged: ${now.error}` });
      continue;
    }
    const oldValue = 'error' in old ? null : (old.object?.value ?? null);
    const newValue = now.object?.value ?? null;
    if (pdfEquals(oldValue, newValue)) continue;
    const change = classify(num, oldValue, newValue, before, signed, final);
    if (change !== undefined) changes.push(change);
  }
  if (before.pageList.length !== after.pageList.length) {
    changes.push({ category: 'pages', object: null, description: `the signed revision has ${before.pageList.length} page(s), the final document ${after.pageList.length}` });
  }
  const rewritten = !final.sections.some((section) => section.offset === signed.startxref);
  return { changes, signedPages: before.pageList.length, finalPages: after.pageList.length, rewritten };
}

function classify(num: number, oldValue: PdfValue, newValue: PdfValue, roles: ObjectRoles, signed: PdfRevision, final: PdfRevision): Change | undefined {
  const what = (category: ChangeCategory, description: string): Change => ({ category, object: num, description });
  if (roles.signatures.has(num)) return what('undefined', `signature dictionary ${num} was changed after signing`);
  if (roles.content.has(num)) return what('undefined', `object ${num}, part of the signed page content or resources, was ${newValue === null ? 'removed' : 'changed'}`);
  if (roles.pageList.includes(num)) return pageChange(num, oldValue, newValue, signed, final);
  if (roles.pageTree.has(num)) return what('pages', `page tree node ${num} was changed`);
  if (num === roles.catalog) return catalogChange(num, oldValue, newValue);
  if (roles.annotArrays.has(num)) return annotsChange(num, oldValue, newValue, final);
  if (roles.form.has(num)) return what('form-fill', `form field or widget object ${num} was changed`);
  if (roles.annotations.has(num)) return what('annotation', `annotation object ${num} was changed`);
  if (roles.dss.has(num)) return what('extension', `DSS object ${num} was changed`);
  if (roles.metadata.has(num)) return what('metadata', `document information or XMP object ${num} was changed`);
  // An object the signed revision did not use: harmless by itself; whatever starts using it is a change
  // of its own (a page, the catalog, a form field) and is classified there.
  return oldValue === null ? undefined : what('metadata', `unused object ${num} was changed`);
}

function pageChange(num: number, oldValue: PdfValue, newValue: PdfValue, signed: PdfRevision, final: PdfRevision): Change {
  const oldDict = dictOf(oldValue);
  const newDict = dictOf(newValue);
  if (oldDict === undefined || newDict === undefined) return { category: 'undefined', object: num, description: `page object ${num} was removed or replaced by a non-dictionary` };
  const keys = changedKeys(oldDict, newDict);
  if (keys.length === 1 && keys[0] === 'Annots') return annotsChange(num, signed.resolve(oldDict.entries.get('Annots')), final.resolve(newDict.entries.get('Annots')), final);
  return { category: 'undefined', object: num, description: `page object ${num} changed its ${keys.map((k) => `/${k}`).join(', ')}` };
}

/** Annotations may be added; removing one that was signed is a change of the signed page. */
function annotsChange(num: number, oldValue: PdfValue, newValue: PdfValue, final: PdfRevision): Change {
  const oldItems = isArray(oldValue) ? oldValue.items : [];
  const newItems = isArray(newValue) ? newValue.items : [];
  const kept = oldItems.every((item) => newItems.some((other) => pdfEquals(item, other)));
  if (!kept) return { category: 'undefined', object: num, description: `annotations of page object ${num} were removed or replaced` };
  const added = newItems.filter((item) => !oldItems.some((other) => pdfEquals(item, other)));
  const widgetsOnly = added.every((item) => isRef(item) && nameOf(dictOf(final.resolve(item))?.entries.get('Subtype')) === 'Widget');
  return { category: widgetsOnly ? 'form-fill' : 'annotation', object: num, description: `${added.length} ${widgetsOnly ? 'widget' : 'annotation'}(s) added to page object ${num}` };
}

function catalogChange(num: number, oldValue: PdfValue, newValue: PdfValue): Change {
  const oldDict = dictOf(oldValue);
  const newDict = dictOf(newValue);
  if (oldDict === undefined || newDict === undefined) return { category: 'undefined', object: num, description: 'the catalog was replaced' };
  const keys = changedKeys(oldDict, newDict);
  const forbidden = keys.filter((key) => !CATALOG_PERMITTED.has(key));
  if (forbidden.length > 0) return { category: 'undefined', object: num, description: `the catalog changed its ${forbidden.map((k) => `/${k}`).join(', ')}` };
  const categories = keys.map((key) => CATALOG_PERMITTED.get(key) as ChangeCategory);
  return { category: categories.includes('form-fill') ? 'form-fill' : (categories[0] ?? 'extension'), object: num, description: `the catalog changed its ${keys.map((k) => `/${k}`).join(', ')}` };
}

function read(revision: PdfRevision, num: number): { object: PdfIndirect | undefined } | { error: string } {
  try {
    return { object: revision.object(num) };
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return { error: reasonOf(error) };
  }
}
