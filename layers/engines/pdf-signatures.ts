/**
 * An engine: code a function loads only when it needs it (`await import('#engines/pdf-signatures')`). In
 * the Lambda bundles each engine is a file of its own beside the handler (infra/bundling.ts), so a function
 * pays for pkijs and the signature layer (about 420 KiB) only when it verifies a PDF; the local runtime and
 * the tests import the sources, through the `#engines/*` mapping of package.json.
 */
export { verifyPdf } from '#signature/index';
