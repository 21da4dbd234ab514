import { checkByteRange, endsAtRevision, type ByteRange } from './byte-range.ts';
import { LimitExceededError, reasonOf } from './errors.ts';
import { analyseChanges } from './pdf/changes.ts';
import { onlySpace } from './pdf/file.ts';
import { PdfRevision } from './pdf/revision.ts';
import type { SignatureField } from './pdf/signature-fields.ts';
import type { Change, ChangeCategory } from './report.ts';
import type { Findings } from './verdict.ts';
import { isLocked, qualifiedName, type FieldLock } from './pdf/field-locks.ts';
import { dictOf, pdfEquals } from './pdf/objects.ts';

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
  const locked = lock === undefined ? new Set<Change>() : lockedChanges(changes, lock, signedRevision, context.final);
  const forbidden = changes.filter((c) => c.category === 'undefined' || c.category === 'pages' || (allowed !== undefined && !allowed.includes(c.category)) || locked.has(c));
  for (const change of forbidden) {
    const docMdp = change.category !== 'undefined' && change.category !== 'pages';
    const description = locked.has(change)
      ? `a field the signature locks (FieldMDP) changed its value: ${change.description}`
      : docMdp
        ? `not permitted by the certification signature (DocMDP P=${certificationLevel}): ${change.description}`
        : change.description;
    if (change.category === 'pages' || context.modificationPolicy === 'fail') findings.fail('FORMAT_FAILURE', `changed after signing: ${description}`);
  }
  return { range, rangeValid, coversWholeDocument, modifiedAfterSigning: forbidden.length > 0, changes, signedRevision };
}

/** The changes that alter the value of a field the signature locks (FieldMDP): its /V differs from the signed one. */
function lockedChanges(changes: readonly Change[], lock: FieldLock, signed: PdfRevision, final: PdfRevision): Set<Change> {
  const locked = new Set<Change>();
  for (const change of changes) {
    if (change.object === null) continue;
    const name = qualifiedName(final, { kind: 'ref', num: change.object, gen: 0 });
    if (name === undefined || !isLocked(lock, name)) continue;
    const num = change.object;
    try {
      const fieldValue = (revision: PdfRevision) => revision.resolve(dictOf(revision.object(num)?.value)?.entries.get('V'));
      if (!pdfEquals(fieldValue(signed), fieldValue(final))) locked.add(change);
    } catch (error) {
      if (error instanceof LimitExceededError) throw error;
      // A locked field that cannot be read in both revisions cannot be shown unchanged.
      locked.add(change);
    }
  }
  return locked;
}
