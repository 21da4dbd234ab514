import { LimitExceededError } from '../errors.ts';
import { dictOf, isArray, isRef, isString, nameOf, textOf, type PdfDict, type PdfRef, type PdfString, type PdfValue } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/** A signed signature field of the interactive form (§12.7.4.5, §12.8.1). */
export interface SignatureField {
  /** Fully qualified field name (`parent.child`). */
  readonly name: string;
  /** The /V reference, when indirect (it must be, for a signature). */
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  readonly contents: PdfString | undefined;
  /** `DocTimeStamp` when /Type or /SubFilter (ETSI.RFC3161) says so, else `Sig`. */
  readonly type: 'Sig' | 'DocTimeStamp';
  readonly subFilter: string | undefined;
}

/** Fields a form may hold before we stop looking: far beyond real forms. */
const MAX_FIELDS = 10_000;

/**
 * The signed signature fields of a revision, in form order. Empty signature fields (no /V) are not
 * signatures and are skipped, as DSS and pdfsig's "not signed" line do.
 *
 * @example
 * const fields = signatureFields(PdfRevision.open(bytes, bytes.length, budget));
 */
export function signatureFields(revision: PdfRevision): SignatureField[] {
  const acroForm = revision.dict(revision.catalog(), 'AcroForm');
  const fields = revision.get(acroForm, 'Fields');
  if (!isArray(fields)) return [];
  const found: SignatureField[] = [];
  const seen = new Set<string>();
  const walk = (node: PdfValue, parentName: string, inheritedType: string | undefined, depth: number): void => {
    revision.budget.check();
    if (depth > 32 || seen.size > MAX_FIELDS) throw new LimitExceededError('count', 'form field tree too deep or too large');
    if (isRef(node)) {
      const key = `${node.num} ${node.gen}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const field = dictOf(revision.resolve(node));
    if (field === undefined) return;
    const partial = textOf(field.entries.get('T'));
    const name = partial === undefined ? parentName : parentName === '' ? partial : `${parentName}.${partial}`;
    const type = nameOf(revision.resolve(field.entries.get('FT'))) ?? inheritedType;
    const kids = revision.get(field, 'Kids');
    if (isArray(kids) && kids.items.some((kid) => textOf(dictOf(revision.resolve(kid))?.entries.get('T')) !== undefined)) {
      for (const kid of kids.items) walk(kid, name, type, depth + 1);
      return;
    }
    if (type !== 'Sig') return;
    const value = field.entries.get('V');
    const dict = dictOf(revision.resolve(value));
    if (dict === undefined) return;
    // Two fields naming the same signature dictionary are one signature, reported once.
    if (isRef(value) && found.some((f) => f.ref?.num === value.num)) return;
    found.push(describe(revision, name, isRef(value) ? value : undefined, dict));
  };
  for (const item of fields.items) walk(item, '', undefined, 0);
  return found;
}

function describe(revision: PdfRevision, name: string, ref: PdfRef | undefined, dict: PdfDict): SignatureField {
  const contents = dict.entries.get('Contents');
  const subFilter = nameOf(revision.resolve(dict.entries.get('SubFilter')));
  const declared = nameOf(revision.resolve(dict.entries.get('Type')));
  const type = declared === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'DocTimeStamp' : 'Sig';
  // /Contents must be a direct string: an indirect one cannot sit inside the ByteRange hole.
  return { name, ref, dict, contents: isString(contents) ? contents : undefined, type, subFilter };
}
