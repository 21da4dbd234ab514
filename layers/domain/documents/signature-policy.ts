/**
 * What issuing an outgoing document requires of its signatures (DOMAIN.md §7), the stage parameter
 * `signing/policy`: `leader-and-agency` — the leader's personal signature on the PDF, then at issue the
 * number stamp and the agency's seal (layers/app/signing/issue-seal.ts); `leader` — the leader's signature
 * and the stamp, no seal; `none` — no PDF needed (local demos and tests).
 */
export const signaturePolicies = ['none', 'leader', 'leader-and-agency'] as const;
export type SignaturePolicy = (typeof signaturePolicies)[number];
