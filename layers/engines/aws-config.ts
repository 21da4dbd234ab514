/**
 * An engine (see ./pdf-signatures.ts): the calls of the stage's configuration — SSM parameters, Secrets
 * Manager secrets, KMS signatures — with their SDK clients (about 700 KiB minified together). A function
 * loads them when it first reads its configuration, so the functions that never sign or talk to the axis
 * do not carry them, and those that do start without them.
 */
export { parametersUnder, secretString, signDigest } from '#adapters/aws/config-calls';
