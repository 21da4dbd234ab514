/**
 * An engine (see ./pdf-signatures.ts): the clients of the services that sign away from vanthu — the remote
 * signing service (CSC API v2) and the RFC 3161 time-stamping authority — with the ASN.1 they speak (pkijs),
 * loaded when a leader signs remotely or a timestamp is asked for.
 */
export { remoteSignerFrom } from '#adapters/signing/remote-signer';
export { Rfc3161Timestamper } from '#adapters/signing/rfc3161-client';
