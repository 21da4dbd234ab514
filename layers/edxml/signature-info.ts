/**
 * What an enveloped XML-DSig Signature in the edXML header says about itself. Verifying it (canonical XML,
 * digest, chain) is the signature layer's job; here we only report what a clerk should know at once, such
 * as a certificate that arrived truncated (the government SDK's own sample carries one).
 */
import type { SignatureInfo } from './model.ts';
import type { XmlNode } from './tree.ts';
import type { WarningList } from './warnings.ts';

export function readSignature(node: XmlNode, warnings: WarningList): SignatureInfo {
  const certificates = descendants(node, 'X509Certificate').map((n) => n.text.replace(/\s+/g, ''));
  const info: SignatureInfo = {
    namespace: node.uri,
    signatureMethod: descendants(node, 'SignatureMethod')[0]?.attributes['Algorithm'],
    digestMethod: descendants(node, 'DigestMethod')[0]?.attributes['Algorithm'],
    x509SubjectName: descendants(node, 'X509SubjectName')[0]?.text.trim(),
  };
  if (certificates.length === 0) {
    warnings.add('signature-without-certificate', 'signature', 'the XML signature carries no X509Certificate');
    return info;
  }
  let complete = true;
  certificates.forEach((base64, i) => {
    const check = checkDer(base64);
    if (check.complete) return;
    complete = false;
    warnings.add('signature-certificate-truncated', `signature.certificates[${i}]`, check.problem);
  });
  const firstBytes = Buffer.from(certificates[0] ?? '', 'base64').length;
  return { ...info, certificateComplete: complete, certificateBytes: firstBytes };
}

/** Whether `base64` decodes to exactly one complete DER SEQUENCE (what a certificate is). */
function checkDer(base64: string): { complete: true } | { complete: false; problem: string } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { complete: false, problem: 'X509Certificate is not base64' };
  const der = Buffer.from(base64, 'base64');
  if (der.length < 2 || der[0] !== 0x30) return { complete: false, problem: `X509Certificate is not a DER certificate (${der.length} bytes)` };
  const first = der[1] ?? 0;
  let length = first;
  let header = 2;
  if (first >= 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4 || der.length < 2 + octets) return { complete: false, problem: `X509Certificate is cut inside its DER header (${der.length} bytes)` };
    length = der.subarray(2, 2 + octets).reduce((n, b) => n * 256 + b, 0);
    header = 2 + octets;
  }
  const expected = header + length;
  if (der.length === expected) return { complete: true };
  return { complete: false, problem: `X509Certificate has ${der.length} of the ${expected} bytes its DER header announces (truncated)` };
}

function descendants(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (c.name === name) found.push(c);
      walk(c);
    }
  };
  walk(node);
  return found;
}
