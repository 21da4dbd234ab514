import type { Change, ChangeCategory } from '../report.ts';
import { changedKeys, dictOf, isArray, isRef, nameOf, numberOf, pdfEquals, type PdfDict, type PdfValue } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/**
 * Per-kind rules for an object that exists in the signed revision and differs in the final one. Each
 * rule names the keys a permitted change may touch; any other key makes the change `undefined`. The
 * rules follow what signing and form-filling software writes after a signature (ISO 32000-1 §12.8.2.2
 * "changes permitted", DSS's object-modification categories), and reject appearance swaps: a widget or
 * annotation whose appearance changes while its value does not is how shadow "replace" attacks work.
 */
export interface RuleInput {
  readonly num: number;
  readonly old: PdfValue;
  readonly now: PdfValue;
  readonly signed: PdfRevision;
  readonly final: PdfRevision;
}

const FIELD_KEYS = new Set(['V', 'AS', 'Ff', 'Lock', 'SV', 'DV', 'Kids', 'Opt', 'I']);
const ANNOTATION_KEYS = new Set(['Contents', 'RC', 'M', 'Popup', 'Open', 'T', 'NM', 'State', 'StateModel', 'IRT', 'Subj', 'CreationDate']);
const ACROFORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const CATALOG_KEYS = new Map<string, ChangeCategory>([
  ['DSS', 'extension'],
  ['Extensions', 'extension'],
  ['Metadata', 'metadata'],
]);
const NAMES_KEYS = new Map<string, ChangeCategory>([
  ['AP', 'annotation'],
  ['Dests', 'metadata'],
]);

export function pageRule({ num, old, now, signed, final }: RuleInput): Change {
  const [a, b] = [dictOf(old), dictOf(now)];
  if (a === undefined || b === undefined) return undefinedChange(num, `page object ${num} was removed or replaced by a non-dictionary`);
  const keys = changedKeys(a, b);
  const other = keys.filter((k) => k !== 'Annots' && k !== 'Tabs');
  if (other.length > 0) return undefinedChange(num, `page object ${num} changed its ${list(other)}`);
  if (!keys.includes('Annots')) return { category: 'form-fill', object: num, description: `page object ${num} changed its tab order` };
  return annotsRule({ num, old: signed.resolve(a.entries.get('Annots')), now: final.resolve(b.entries.get('Annots')), signed, final });
}

/** Annotations may be added; removing or replacing one that was signed changes the signed page. */
export function annotsRule({ num, old, now, final }: RuleInput): Change {
  const before = isArray(old) ? old.items : [];
  const after = isArray(now) ? now.items : [];
  if (!before.every((item) => after.some((other) => pdfEquals(item, other)))) return undefinedChange(num, `annotations of object ${num} were removed or replaced`);
  const added = after.filter((item) => !before.some((other) => pdfEquals(item, other)));
  if (added.length > 0 && added.every((item) => isDocTimestampField(final, item)))
    return { category: 'extension', object: num, description: `document timestamp widget(s) added to object ${num}` };
  const widgets = added.filter((item) => isRef(item) && nameOf(dictOf(final.resolve(item))?.entries.get('Subtype')) === 'Widget');
  // A signature's widget is signing; any other new widget is a new form field, which paints on the page.
  const signaturesOnly = widgets.every((item) => isSignatureField(final, item));
  if (widgets.length < added.length) {
    return { category: signaturesOnly ? 'annotation' : 'new-field', object: num, description: `${added.length} annotation(s) and widget(s) added to object ${num}` };
  }
  return signaturesOnly
    ? { category: 'form-fill', object: num, description: `${added.length} signature widget(s) added to object ${num}` }
    : { category: 'new-field', object: num, description: `${added.length} form field widget(s) added to object ${num}, not all of them signatures` };
}

export function catalogRule({ num, old, now, signed, final }: RuleInput): Change {
  const [a, b] = [dictOf(old), dictOf(now)];
  if (a === undefined || b === undefined) return undefinedChange(num, 'the catalog was replaced');
  const results = changedKeys(a, b).map((key): Change => {
    const category = CATALOG_KEYS.get(key);
    if (category !== undefined) return { category, object: num, description: `the catalog changed its /${key}` };
    const input = { num, old: signed.resolve(a.entries.get(key)), now: final.resolve(b.entries.get(key)), signed, final };
    if (key === 'AcroForm') return acroFormRule(input);
    if (key === 'Names') return namesRule(input);
    return undefinedChange(num, `the catalog changed its /${key}`);
  });
  return worst(num, results);
}

/** The form may gain fields and resources; /XFA, /NeedAppearances and the like change rendering. */
export function acroFormRule({ num, old, now, signed, final }: RuleInput): Change {
  const a = dictOf(old) ?? emptyDict;
  const b = dictOf(now);
  if (b === undefined) return undefinedChange(num, 'the interactive form was removed');
  const keys = changedKeys(a, b);
  const other = keys.filter((k) => !ACROFORM_KEYS.has(k));
  if (other.length > 0) return undefinedChange(num, `the interactive form changed its ${list(other)}`);
  const before = signed.resolve(a.entries.get('Fields'));
  const after = final.resolve(b.entries.get('Fields'));
  const beforeItems = isArray(before) ? before.items : [];
  const afterItems = isArray(after) ? after.items : [];
  if (!beforeItems.every((f) => afterItems.some((g) => pdfEquals(f, g)))) return undefinedChange(num, 'form fields were removed');
  const added = afterItems.filter((g) => !beforeItems.some((f) => pdfEquals(f, g)));
  // PAdES allows document timestamps after any signature, even a P=1 certification (ETSI EN 319 142-1 §5.4).
  const timestampsOnly = keys.every((k) => k === 'Fields' || k === 'SigFlags') && added.length > 0 && added.every((f) => isDocTimestampField(final, f));
  if (timestampsOnly) return { category: 'extension', object: num, description: `the interactive form changed its ${list(keys)}` };
  if (!added.every((f) => isSignatureField(final, f))) return { category: 'new-field', object: num, description: 'form fields other than signatures were added' };
  return { category: 'form-fill', object: num, description: `the interactive form changed its ${list(keys)}` };
}

function namesRule({ num, old, now }: RuleInput): Change {
  const keys = changedKeys(dictOf(old) ?? emptyDict, dictOf(now) ?? emptyDict);
  const results = keys.map((key): Change => {
    const category = NAMES_KEYS.get(key);
    return category === undefined
      ? undefinedChange(num, `the name tree /${key} changed (scripts, files or templates)`)
      : { category, object: num, description: `the name tree /${key} changed` };
  });
  return worst(num, results);
}

/** A field or widget may be filled, signed or locked; its appearance may change only with its value. */
export function fieldRule({ num, old, now }: RuleInput): Change {
  const [a, b] = [dictOf(old), dictOf(now)];
  if (a === undefined || b === undefined) return undefinedChange(num, `form object ${num} was removed or replaced`);
  const isField = ['FT', 'T', 'Kids', 'Subtype'].some((k) => a.entries.has(k));
  if (!isField) return { category: 'form-fill', object: num, description: `form object ${num} was changed` };
  const keys = changedKeys(a, b);
  const valueChanged = keys.includes('V') || keys.includes('AS');
  const other = keys.filter((k) => !FIELD_KEYS.has(k) && !(k === 'AP' && valueChanged) && !(k === 'F' && onlyLocks(a, b)));
  if (other.length > 0) {
    const swap = other.includes('AP') && !valueChanged ? ' (its appearance changed while its value did not)' : '';
    return undefinedChange(num, `form field ${num} changed its ${list(other)}${swap}`);
  }
  return { category: 'form-fill', object: num, description: `form field ${num} changed its ${list(keys)}` };
}

export function annotationRule({ num, old, now }: RuleInput): Change {
  const [a, b] = [dictOf(old), dictOf(now)];
  if (a === undefined || b === undefined) return undefinedChange(num, `annotation object ${num} was removed or replaced`);
  const keys = changedKeys(a, b);
  const textChanged = keys.includes('Contents') || keys.includes('RC');
  const other = keys.filter((k) => !ANNOTATION_KEYS.has(k) && !(k === 'AP' && textChanged) && !(k === 'F' && onlyLocks(a, b)));
  if (other.length > 0) return undefinedChange(num, `annotation ${num} changed its ${list(other)}`);
  return { category: 'annotation', object: num, description: `annotation ${num} changed its ${list(keys)}` };
}

/** A field (or widget) whose type, its own or inherited from its parents, is a signature (/FT /Sig). */
function isSignatureField(revision: PdfRevision, field: PdfValue): boolean {
  let node = dictOf(revision.resolve(field));
  for (let depth = 0; node !== undefined && depth < 32; depth += 1) {
    const type = nameOf(revision.resolve(node.entries.get('FT')));
    if (type !== undefined) return type === 'Sig';
    node = dictOf(revision.resolve(node.entries.get('Parent')));
  }
  return false;
}

function isDocTimestampField(revision: PdfRevision, field: PdfValue): boolean {
  const value = dictOf(revision.resolve(dictOf(revision.resolve(field))?.entries.get('V')));
  return nameOf(value?.entries.get('Type')) === 'DocTimeStamp' || nameOf(value?.entries.get('SubFilter')) === 'ETSI.RFC3161';
}

/** Annotation flags (Table 165) a signer may add: ReadOnly, Locked, LockedContents. Hiding is not one. */
const LOCK_FLAGS = 64 | 128 | 512;

function onlyLocks(a: PdfDict, b: PdfDict): boolean {
  const before = numberOf(a.entries.get('F')) ?? 0;
  const after = numberOf(b.entries.get('F')) ?? 0;
  return (before & ~after) === 0 && (after & ~before & ~LOCK_FLAGS) === 0;
}

export function undefinedChange(num: number | null, description: string): Change {
  return { category: 'undefined', object: num, description };
}

const ORDER: readonly ChangeCategory[] = ['undefined', 'pages', 'new-field', 'annotation', 'form-fill', 'extension', 'metadata'];

/** The most severe of several sub-changes of one object. */
function worst(num: number, results: readonly Change[]): Change {
  const sorted = [...results].sort((x, y) => ORDER.indexOf(x.category) - ORDER.indexOf(y.category));
  const first = sorted[0];
  if (first === undefined) return { category: 'metadata', object: num, description: `object ${num} was rewritten` };
  return { category: first.category, object: num, description: results.map((r) => r.description).join('; ') };
}

function list(keys: readonly string[]): string {
  return keys.map((k) => `/${k}`).join(', ');
}

const emptyDict: PdfDict = { kind: 'dict', entries: new Map(), start: -1, end: -1 };
