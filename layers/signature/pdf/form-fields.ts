import { dictOf, isArray, isRef, textOf, type PdfDict, type PdfRef, type PdfValue } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/** A terminal form field: its fully qualified name, its object, its dictionary and its widget. */
export interface FormField {
  readonly name: string;
  readonly ref?: PdfRef;
  readonly dict: PdfDict;
  /** The widget annotation when it is a kid of the field; the field itself when they are merged. */
  readonly widget?: PdfRef;
}

/**
 * Terminal fields of /AcroForm /Fields with their qualified names (ISO 32000-1 §12.7.3.2), at most 1,000,
 * 16 levels deep. `pending` holds objects an update is about to write, read in place of the revision's.
 */
export function formFields(revision: PdfRevision, pending: ReadonlyMap<number, PdfValue> = new Map()): FormField[] {
  const resolve = (value: PdfValue | undefined): PdfValue => (isRef(value) && pending.has(value.num) ? (pending.get(value.num) ?? null) : revision.resolve(value));
  const catalogRef = revision.trailer.entries.get('Root');
  const catalog = dictOf(resolve(catalogRef)) ?? revision.catalog();
  const form = dictOf(resolve(catalog.entries.get('AcroForm')));
  const fields = resolve(form?.entries.get('Fields'));
  const found: FormField[] = [];
  const visit = (node: PdfValue, prefix: string, depth: number): void => {
    const dict = dictOf(resolve(node));
    if (dict === undefined || depth > 16 || found.length > 1000) return;
    const partial = textOf(resolve(dict.entries.get('T')));
    const name = partial === undefined ? prefix : prefix === '' ? partial : `${prefix}.${partial}`;
    const kids = resolve(dict.entries.get('Kids'));
    const fieldKids = isArray(kids) ? kids.items.filter((kid) => dictOf(resolve(kid))?.entries.has('T') === true) : [];
    if (fieldKids.length > 0) {
      for (const kid of fieldKids) visit(kid, name, depth + 1);
      return;
    }
    const firstWidget = isArray(kids) ? kids.items.find(isRef) : undefined;
    found.push({ name, dict, ...(isRef(node) ? { ref: node } : {}), ...(firstWidget === undefined ? (isRef(node) ? { widget: node } : {}) : { widget: firstWidget }) });
  };
  if (isArray(fields)) for (const field of fields.items) visit(field, '', 0);
  return found;
}
