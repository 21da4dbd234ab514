import { checkByteRange, endsAtRevision, type ByteRange } from './byte-range.ts';
import { LimitExceededError, reasonOf } from './errors.ts';
import { analyseChanges } from './pdf/changes.ts';
import { onlySpace } from './pdf/file.ts';
import { PdfRevision } from './pdf/revision.ts';
import type { SignatureField } from './pdf/signature-fields.ts';
import type { Change, ChangeCategory } from './report.ts';
import type { Findings } from './verdict.ts';
import { isLocked, type FieldLock } from './pdf/field-locks.ts';
import { pdfEquals } from './pdf/objects.ts';
import { formFields } from './pdf/form-fields.ts';

/** What a signature's bytes cover and what changed after them. */
export interface Coverage {
  readonly range: ByteRange | undefined;
  /** True when the ByteRange passed every sanity check (the digest can be trusted to mean the revision). */
  readonly rangeValid: boolean;
  readonly coversWholeDocument: boolean;
  readonly modifiedAfterSigning: boolean;
  readonly changes: readonly Change[];
  readonly signedRevision: PdfRevision | undefined;
}

export interface CoverageContext {
  readonly bytes: Uint8Array;
  readonly final: PdfRevision;
  /** The final revision was rebuilt by scanning because its cross-reference data is damaged. */
  readonly reconstructed: boolean;
  readonly modificationPolicy: 'fail' | 'warn';
  /** Changes hidden from the cross-reference structure after an offset (see `unlistedAfter`). */
  readonly unlistedAfter: (offset: number) => readonly Change[];
}

/** Categories a certification signature's /P permits after it (ISO 32000-1 Table 254). */
const DOCMDP_ALLOWED: Record<number, readonly ChangeCategory[]> = {
  1: ['extension', 'metadata'],
  2: ['extension', 'metadata', 'form-fill'],
  3: ['extension', 'metadata', 'form-fill', 'annotation'],
};

/**
 * Checks the ByteRange, opens the signed revision (the bytes the signature covers, parsed on their own)
 * and classifies every change made after it. Adds FORMAT_FAILURE findings for a bad ByteRange, for pages
 * added or removed after signing (as the DSS default policy does) and — under the `fail` policy — for
 * changes outside the permitted categories or beyond a certification signature's DocMDP level.
 *
 * @example
 * const coverage = checkCoverage(context, field, certificationLevel, findings);
 */
export function checkCoverage(context: CoverageContext, field: SignatureField, certificationLevel: number | undefined, findings: Findings, lock?: FieldLock): Coverage {
  const { bytes } = context;
  const { range, problems } = checkByteRange(bytes, field.dict, field.contents);
  for (const problem of problems) findings.fail('FORMAT_FAILURE', problem);
  if (context.reconstructed) findings.indeterminate('FORMAT_FAILURE', 'the file structure is damaged: read by rebuilding its cross-reference data');
  const rangeValid = range !== undefined && problems.length === 0;
  const coversWholeDocument = range !== undefined && range.end <= bytes.length && onlySpace(bytes, range.end, bytes.length);
  if (range === undefined || range.end > bytes.length || !endsAtRevision(bytes, range.end)) {
    return { range, rangeValid, coversWholeDocument, modifiedAfterSigning: !coversWholeDocument, changes: [], signedRevision: undefined };
  }
  let signedRevision: PdfRevision;
  let changes: Change[];
  try {
    signedRevision = PdfRevision.open(bytes, range.end, context.final.budget);
    changes = coversWholeDocument ? [] : [...analyseChanges(signedRevision, context.final).changes, ...context.unlistedAfter(range.end)];
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    findings.fail('FORMAT_FAILURE', `the signed revision cannot be read: ${reasonOf(error)}`);
    return { range, rangeValid: false, coversWholeDocument, modifiedAfterSigning: !coversWholeDocument, changes: [], signedRevision: undefined };
  }
  if (context.reconstructed && !coversWholeDocument)
    changes.push({ category: 'undefined', object: null, description: 'the final revision is damaged; what changed after signing cannot be established' });
  const allowed = certificationLevel === undefined ? undefined : DOCMDP_ALLOWED[certificationLevel];
  const locked = lock === undefined || coversWholeDocument ? [] : lockedFieldChanges(lock, signedRevision, context.final);
  const forbidden = [...changes.filter((c) => c.category === 'undefined' || c.category === 'pages' || (allowed !== undefined && !allowed.includes(c.category))), ...locked];
  for (const change of forbidden) {
    const docMdp = change.category !== 'undefined' && change.category !== 'pages';
    const description = locked.includes(change)
      ? change.description
      : docMdp
        ? `not permitted by the certification signature (DocMDP P=${certificationLevel}): ${change.description}`
        : change.description;
    if (change.category === 'pages' || context.modificationPolicy === 'fail') findings.fail('FORMAT_FAILURE', `changed after signing: ${description}`);
  }
  return { range, rangeValid, coversWholeDocument, modifiedAfterSigning: forbidden.length > 0, changes: [...changes, ...locked], signedRevision };
}

/**
 * The fields a signature locks that are not as it signed them: by qualified name in the final revision, a
 * locked field that is new (another object, e.g. a second "vanthu.so" painted over the first), or whose
 * value differs from the signed one. A locked field that cannot be read in both revisions counts as changed.
 */
function lockedFieldChanges(lock: FieldLock, signed: PdfRevision, final: PdfRevision): Change[] {
  try {
    return lockedFields(lock, signed, final);
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return [{ category: 'undefined', object: null, description: `the fields the signature locks (FieldMDP) cannot be read: ${reasonOf(error)}` }];
  }
}

function lockedFields(lock: FieldLock, signed: PdfRevision, final: PdfRevision): Change[] {
  const before = new Map(formFields(signed).flatMap((field) => (field.ref === undefined ? [] : [[field.ref.num, field] as const])));
  const changed: Change[] = [];
  for (const field of formFields(final)) {
    if (!isLocked(lock, field.name)) continue;
    const was = field.ref === undefined ? undefined : before.get(field.ref.num);
    if (was === undefined || was.name !== field.name) {
      changed.push({ category: 'new-field', object: field.ref?.num ?? null, description: `a field the signature locks (FieldMDP) was added: ${field.name}` });
      continue;
    }
    try {
      if (!pdfEquals(signed.resolve(was.dict.entries.get('V')), final.resolve(field.dict.entries.get('V')))) {
        changed.push({ category: 'form-fill', object: field.ref?.num ?? null, description: `a field the signature locks (FieldMDP) changed its value: ${field.name}` });
      }
    } catch (error) {
      if (error instanceof LimitExceededError) throw error;
      changed.push({ category: 'undefined', object: field.ref?.num ?? null, description: `a field the signature locks (FieldMDP) cannot be read: ${field.name}` });
    }
  }
  return changed;
}
