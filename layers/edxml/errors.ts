/**
 * What can go wrong with an edXML package. `EdxmlError` is for packages we cannot process at all (the
 * receiver refuses them); everything a clerk can still register is a {@link EdxmlWarning} instead.
 */

/** Why a package was refused; stable slugs for logs, the CLI and problem `type`s. */
export type EdxmlErrorReason =
  /** Not well-formed XML (bad markup, undefined entity, unbound prefix, text outside the root...). */
  | 'malformed'
  /** The XML ends before the root element is closed. */
  | 'truncated'
  /** A `<!DOCTYPE>`: refused outright, so no DTD, external entity (XXE) or entity expansion is ever read. */
  | 'doctype-forbidden'
  /** The declared or detected character encoding is not UTF-8. */
  | 'unsupported-encoding'
  /** More bytes than `limits.maxBytes`. */
  | 'too-large'
  /** Elements nested deeper than `limits.maxDepth`. */
  | 'too-deep'
  /** More elements or attachments than the limits allow. */
  | 'too-many-elements'
  /** A header text (or a run of text/markup outside an attachment) longer than `limits.maxFieldChars`. */
  | 'field-too-long'
  /** An element in a namespace other than QCVN 102's (outside the XML-DSig signature). */
  | 'wrong-namespace'
  /** The root is not `edXML`/`edXMLEnvelope`, or there is neither a MessageHeader nor a Status. */
  | 'not-edxml'
  | 'missing-sender'
  | 'missing-document-id'
  /** A status package without a status code, or with one QCVN 102 does not define. */
  | 'invalid-status-code'
  /** An attachment whose ContentTransferEncoded is not base64. */
  | 'invalid-attachment-encoding'
  /** The attachment sink (your callback) failed; the original error is the `cause`. */
  | 'attachment-sink-failed'
  /** Build input that does not fit the model, or (strict build) breaks a QCVN 102 rule. */
  | 'invalid-model';

/** One problem a receiver can live with, precise enough to show a clerk. */
export interface EdxmlWarning {
  /** A stable slug, e.g. `organ-id-notation`, `due-date-before-promulgation`. */
  readonly code: string;
  /** Where, in the JSON model's terms, e.g. `to[0].organId`, `attachments[1]`. */
  readonly path: string;
  readonly message: string;
}

/**
 * The package cannot be processed. `reason` says why in one slug; `issues` lists model problems when the
 * input of a build was rejected.
 *
 * @example
 * try { await parseEdxml(bytes); } catch (e) { if (e instanceof EdxmlError && e.reason === 'doctype-forbidden') refuse(); }
 */
export class EdxmlError extends Error {
  readonly reason: EdxmlErrorReason;
  readonly issues: readonly EdxmlWarning[];

  constructor(reason: EdxmlErrorReason, message: string, options: { cause?: unknown; issues?: readonly EdxmlWarning[] } = {}) {
    super(`${reason}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EdxmlError';
    this.reason = reason;
    this.issues = options.issues ?? [];
  }
}
