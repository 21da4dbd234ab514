import type { Indication, SubIndication } from './report.ts';

/** One validation finding: what it does to the indication and why. */
export interface Finding {
  readonly indication: Exclude<Indication, 'TOTAL_PASSED'>;
  readonly subIndication: SubIndication;
  readonly reason: string;
}

export interface Conclusion {
  readonly indication: Indication;
  readonly subIndication?: SubIndication;
  readonly reasons: readonly string[];
}

/**
 * Collects findings in validation order (format, identification, integrity, chain, time, revocation,
 * constraints — ETSI EN 319 102-1 §5.2) and concludes: a TOTAL_FAILED finding wins over any
 * INDETERMINATE one; among equals the first found names the sub-indication.
 *
 * @example
 * const findings = new Findings();
 * findings.fail('HASH_FAILURE', 'digest differs');
 * findings.conclude(); // { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', … }
 */
export class Findings {
  private readonly items: Finding[] = [];

  fail(subIndication: SubIndication, reason: string): void {
    this.items.push({ indication: 'TOTAL_FAILED', subIndication, reason });
  }

  indeterminate(subIndication: SubIndication, reason: string): void {
    this.items.push({ indication: 'INDETERMINATE', subIndication, reason });
  }

  get failed(): boolean {
    return this.items.some((f) => f.indication === 'TOTAL_FAILED');
  }

  conclude(): Conclusion {
    const decisive = this.items.find((f) => f.indication === 'TOTAL_FAILED') ?? this.items[0];
    const reasons = this.items.map((f) => `${f.indication}/${f.subIndication}: ${f.reason}`);
    return decisive === undefined ? { indication: 'TOTAL_PASSED', reasons } : { indication: decisive.indication, subIndication: decisive.subIndication, reasons };
  }
}

/**
 * The document verdict: TOTAL_FAILED if any signature or document timestamp failed, else
 * INDETERMINATE if any signature is indeterminate or there is none, else TOTAL_PASSED.
 */
export function documentVerdict(signatures: readonly Indication[], timestamps: readonly Indication[]): Indication {
  if ([...signatures, ...timestamps].includes('TOTAL_FAILED')) return 'TOTAL_FAILED';
  if (signatures.length === 0 || signatures.includes('INDETERMINATE')) return 'INDETERMINATE';
  return 'TOTAL_PASSED';
}
