import { dictOf, isArray, nameOf, pdfDict, textOf, type PdfDict } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/**
 * The form fields a signature locks (FieldMDP, ISO 32000-1 §12.8.2.4): `All` of them, those it
 * `Include`s, or all but those it `Exclude`s, by fully qualified name. After the signature, a locked field
 * may not change its value.
 */
export interface FieldLock {
  readonly action: 'All' | 'Include' | 'Exclude';
  readonly fields: readonly string[];
}

/**
 * The /TransformParams of a signature's /Reference whose /TransformMethod is `method` (ISO 32000-1 Table
 * 253): DocMDP for a certification, FieldMDP for a lock; undefined when the signature has none.
 */
export function transformParams(revision: PdfRevision, signature: PdfDict, method: 'DocMDP' | 'FieldMDP'): PdfDict | undefined {
  const references = revision.get(signature, 'Reference');
  if (!isArray(references)) return undefined;
  for (const item of references.items) {
    const reference = dictOf(revision.resolve(item));
    if (nameOf(revision.get(reference, 'TransformMethod')) === method) return revision.dict(reference, 'TransformParams') ?? pdfDict([]);
  }
  return undefined;
}

/** The FieldMDP lock of a signature dictionary, read from its /Reference; undefined without one. */
export function fieldLock(revision: PdfRevision, signature: PdfDict): FieldLock | undefined {
  const params = transformParams(revision, signature, 'FieldMDP');
  if (params !== undefined) {
    const action = nameOf(revision.get(params, 'Action'));
    const list = revision.get(params, 'Fields');
    const fields = isArray(list) ? list.items.map((f) => textOf(revision.resolve(f))).filter((f): f is string => f !== undefined) : [];
    if (action === 'All' || action === 'Include' || action === 'Exclude') return { action, fields };
  }
  return undefined;
}

/** True when the lock covers the field of this fully qualified name. */
export function isLocked(lock: FieldLock, name: string): boolean {
  switch (lock.action) {
    case 'All':
      return true;
    case 'Include':
      return lock.fields.includes(name);
    case 'Exclude':
      return !lock.fields.includes(name);
  }
}
