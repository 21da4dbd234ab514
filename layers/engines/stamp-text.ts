/**
 * An engine (see ./pdf-signatures.ts): the number stamp's text appearance — pdfkit lays out the Vietnamese
 * text with an embedded DejaVu subset — loaded by the issue when it writes the number and date.
 */
export { textAppearance } from '#signature/sign/text-appearance';
