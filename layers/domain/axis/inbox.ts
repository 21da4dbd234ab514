/**
 * What the poller remembers of listed packages: a package is queued for the receiver once, and again
 * only if it is still listed after `requeueAfterSeconds` (the receiver failed or the message was lost).
 */
export interface AxisInboxLedger {
  /** True when the package was not queued within `requeueAfterSeconds` (and is now marked as queued). */
  claim(docId: string, now: Date, requeueAfterSeconds: number): Promise<boolean>;
}
