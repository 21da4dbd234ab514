/**
 * Where things live in the one bucket: uploaded document files (their object-created events go to the
 * file checker), exports the system generates (expired after a day), and how long an upload URL lasts.
 */
export const bucketLayout = {
  /** Presigned upload URLs expire after this many seconds. */
  uploadUrlSeconds: 900,
  /** Uploaded document files live under this prefix; their object-created events go to `fileUploaded`. */
  uploadPrefix: 'files/',
  /** Exports the system generates (printed registers too large to answer inline); expired after a day. */
  exportPrefix: 'exports/',
  /**
   * Prepared personal signatures (the PDF with its reserved /Contents, the signed attributes): useless once
   * the 15-minute signing window closes; expired after two days.
   */
  signingPrefix: 'signing/',
} as const;
