/**
 * edXML (QCVN 102:2016, amended 2022): the package format of the national document axis. Import from
 * `#edxml/index`. See docs/EDXML.md for the model, the leniency policy, the limits and the numbers.
 */
export { buildEdoc, buildEdocToBuffer, buildStatus, parseModel } from './build.ts';
export type { AttachmentDigest, AttachmentInput, BuildOptions, EdocBuildInput } from './build.ts';
export type { PayloadSource } from './base64.ts';
export { EdxmlError } from './errors.ts';
export type { EdxmlErrorReason, EdxmlWarning } from './errors.ts';
export { FIELD_LENGTHS, lintEdoc, lintStatus } from './lint.ts';
export type { LintMode } from './lint.ts';
export * from './model.ts';
export { parseEdxml } from './parse.ts';
export type { EdxmlInput, ParseOptions } from './parse.ts';
export { collectPayloads } from './payload.ts';
export type { AttachmentInfo, AttachmentSink, AttachmentSinkFactory } from './payload.ts';
export { DEFAULT_LIMITS } from './tree.ts';
export type { EdxmlLimits } from './tree.ts';
export { formatDocumentId, parseDocumentId } from './values.ts';
export type { DocumentIdParts } from './values.ts';
