import type { DocumentFile } from '../files/file.ts';
import { UnprocessableError } from '../errors.ts';

/**
 * What issuing an outgoing document requires of its signatures (DOMAIN.md §7): the leader's personal
 * signature first, then the agency's signature applied by the clerk. `none` is for local demos without a CA.
 */
export const signaturePolicies = ['none', 'leader', 'leader-and-agency'] as const;
export type SignaturePolicy = (typeof signaturePolicies)[number];

interface SignatureLine {
  readonly indication?: unknown;
  readonly signer?: unknown;
}

/**
 * Throws 422 `signature-required` unless the document's latest stored PDF passed verification with the
 * signatures the policy requires, each TOTAL_PASSED, in order (leader, then agency).
 */
export function assertSignedForIssue(policy: SignaturePolicy, files: readonly DocumentFile[]): void {
  const required = policy === 'none' ? 0 : policy === 'leader' ? 1 : 2;
  if (required === 0) return;
  const pdf = [...files].reverse().find((f) => f.contentType === 'application/pdf' && f.status === 'stored');
  const refuse = (why: string) =>
    new UnprocessableError(
      'signature-required',
      `The document cannot be issued: ${why}. Policy "${policy}" needs ${required === 1 ? "the leader's signature" : "the leader's signature, then the agency's"} on the final PDF, verified as TOTAL_PASSED.`,
      {
        details: { policy, ...(pdf === undefined ? {} : { fileId: pdf.fileId }) },
      },
    );
  if (pdf === undefined) throw refuse('no stored PDF is attached');
  if (pdf.verification === undefined) throw refuse('the final PDF has not been verified yet (try again in a moment)');
  const lines = (pdf.verification.report.signatures ?? []) as readonly SignatureLine[];
  if (lines.length < required) throw refuse(`the final PDF has ${lines.length} signature(s)`);
  const failing = lines.findIndex((line) => line.indication !== 'TOTAL_PASSED');
  if (failing >= 0 || pdf.verification.verdict !== 'TOTAL_PASSED') {
    throw refuse(`signature ${failing + 1} of the final PDF is ${String(lines[Math.max(0, failing)]?.indication ?? pdf.verification.verdict)}`);
  }
}
