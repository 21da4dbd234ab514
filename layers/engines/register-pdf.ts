/**
 * An engine (see ./pdf-signatures.ts): the register printer (pdfkit and fontkit, about 380 KiB), loaded only
 * when a register is asked for as PDF, never for its JSON or CSV.
 */
export { registerPdfBytes } from '#print/register-pdf';
