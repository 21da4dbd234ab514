/**
 * `vanthu signing …`: what an operator does once per stage and per agency so that issuing seals
 * (docs/DEPLOY.md, "Signing"). The stack creates each sealing agency's KMS key; the operator asks the CA
 * for its certificate with `csr`, installs the chain the CA returns with `install`, adds the trust anchors
 * with `trust-anchor`, and reads the whole configuration back with `status`. Talks to SSM and KMS of the
 * environment (AWS credentials and region; AWS_ENDPOINT_URL_SSM / _KMS for the local runtime or LocalStack).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { parseArgs } from 'node:util';
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { kmsClient, ssmClient } from '#adapters/aws/config-clients';
import { parametersUnder } from '#adapters/aws/config-calls';
import { signingParameters } from '#adapters/parameters/stage-parameters';
import { pemBlocks } from '#adapters/signing/pem';
import { parseAgencyCode } from '#domain/agency/code';
import { sealKeyAlias } from '#infra/constructs/signing';
import { toPem } from '#signature/trust/certificate';
import type { Command } from '../main.ts';
import { parsedCommand } from '../parsed-command.ts';

const usage = [
  'usage: vanthu signing csr --stage <stage> --agency <code> --subject <CN> [--key <kms key>]',
  '       vanthu signing install --stage <stage> --agency <code> --chain <pem> [--key <kms key>]',
  '       vanthu signing trust-anchor --stage <stage> --name <name> --file <pem>',
  '       vanthu signing status --stage <stage>',
  '  csr           a PKCS#10 certificate request for the agency seal key, signed by the key in KMS (printed as PEM)',
  "  install       checks that the chain's first certificate is the key's, then stores it as signing/agencies/<code>",
  '  trust-anchor  stores a CA certificate (Government CA root, NEAC) under signing/trust-anchors/<name>',
  '  status        the policy, trust anchors, agencies with their certificates and expiry, TSA and remote signer',
  '  --stage       the stage (parameters under /vanthu/<stage>); --path overrides the parameter path',
  "  --key         the KMS key (id, ARN or alias); default the stack's alias/vanthu-<stage>-seal-<code>",
].join('\n');

interface Parsed {
  readonly action: 'csr' | 'install' | 'trust-anchor' | 'status';
  readonly path: string;
  readonly stage: string;
  readonly agency?: string;
  readonly key?: string;
  readonly subject?: string;
  readonly chain?: string;
  readonly name?: string;
  readonly file?: string;
}

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  const { readFile } = await import('node:fs/promises');
  switch (parsed.action) {
    case 'csr': {
      const keyId = parsed.key ?? sealKeyAlias(parsed.stage, parsed.agency ?? '');
      io.stdout(toPem(await certificateRequest(keyId, parsed.subject ?? ''), 'CERTIFICATE REQUEST'));
      return 0;
    }
    case 'install': {
      const keyId = parsed.key ?? sealKeyAlias(parsed.stage, parsed.agency ?? '');
      const chainPem = await readFile(parsed.chain ?? '', 'utf8');
      const [first] = pemBlocks(chainPem, 'CERTIFICATE');
      if (first === undefined) {
        io.stderr(`${parsed.chain} holds no PEM certificate`);
        return 1;
      }
      const key = await kmsClient().send(new GetPublicKeyCommand({ KeyId: keyId }));
      const certificateKey = new X509Certificate(first).publicKey.export({ type: 'spki', format: 'der' });
      if (key.PublicKey === undefined || !Buffer.from(key.PublicKey).equals(certificateKey)) {
        io.stderr(`the first certificate of ${parsed.chain} is not for the key ${keyId}: nothing stored`);
        return 1;
      }
      const name = `${parsed.path}/${signingParameters.agency(parsed.agency ?? '')}`;
      await put(name, JSON.stringify({ keyId, certificates: chainPem }));
      io.stdout(JSON.stringify({ stored: name, keyId, subject: new X509Certificate(first).subject, notAfter: new X509Certificate(first).validTo }, null, 2));
      return 0;
    }
    case 'trust-anchor': {
      const pem = await readFile(parsed.file ?? '', 'utf8');
      const certificates = pemBlocks(pem, 'CERTIFICATE');
      const notCa = certificates.find((der) => !new X509Certificate(der).ca);
      if (certificates.length === 0 || notCa !== undefined) {
        io.stderr(`${parsed.file} must hold CA certificates only (PEM): nothing stored`);
        return 1;
      }
      const name = `${parsed.path}/${signingParameters.trustAnchors}/${parsed.name}`;
      await put(name, certificates.map((der) => toPem(der)).join(''));
      io.stdout(JSON.stringify({ stored: name, subjects: certificates.map((der) => new X509Certificate(der).subject) }, null, 2));
      return 0;
    }
    case 'status': {
      io.stdout(JSON.stringify(describe(await parametersUnder(parsed.path)), null, 2));
      return 0;
    }
  }
});

/** A PKCS#10 request (RFC 2986) for the KMS key's public key, signed by the key (one KMS Sign call, RSA PKCS#1 v1.5 or ECDSA). */
async function certificateRequest(keyId: string, commonName: string): Promise<Uint8Array> {
  const key = await kmsClient().send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (key.PublicKey === undefined) throw new Error(`KMS has no public key for ${keyId}`);
  const ecdsa = key.KeySpec?.startsWith('ECC') === true;
  const request = new pkijs.CertificationRequest({
    version: 0,
    subject: new pkijs.RelativeDistinguishedNames({
      typesAndValues: [
        new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'VN' }) }),
        new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }),
      ],
    }),
    subjectPublicKeyInfo: pkijs.PublicKeyInfo.fromBER(key.PublicKey),
  });
  const tbs = new Uint8Array((request as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER());
  const signed = await kmsClient().send(
    new SignCommand({ KeyId: keyId, Message: tbs, MessageType: 'RAW', SigningAlgorithm: ecdsa ? 'ECDSA_SHA_256' : 'RSASSA_PKCS1_V1_5_SHA_256' }),
  );
  if (signed.Signature === undefined) throw new Error('KMS Sign returned no signature');
  request.tbsView = tbs;
  request.signatureAlgorithm = new pkijs.AlgorithmIdentifier(
    ecdsa ? { algorithmId: '1.2.840.10045.4.3.2' } : { algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() },
  );
  request.signatureValue = new asn1js.BitString({ valueHex: signed.Signature });
  return new Uint8Array(request.toSchema().toBER());
}

async function put(name: string, value: string): Promise<void> {
  await ssmClient().send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true, Tier: value.length > 4096 ? 'Advanced' : 'Standard' }));
}

/** What the stage's signing parameters say, without the PEM bodies: subjects, expiry and fingerprints. */
function describe(parameters: ReadonlyMap<string, string>): Record<string, unknown> {
  const certificate = (der: Uint8Array) => {
    const x509 = new X509Certificate(der);
    return { subject: x509.subject.replaceAll('\n', ', '), notAfter: new Date(x509.validTo).toISOString(), sha256: createHash('sha256').update(der).digest('hex') };
  };
  const agencies: Record<string, unknown> = {};
  const anchors: Record<string, unknown> = {};
  for (const [name, value] of parameters) {
    if (name.startsWith(`${signingParameters.agency('')}`)) {
      const seal = JSON.parse(value) as { keyId: string; certificates: string };
      agencies[name.slice(signingParameters.agency('').length)] = { keyId: seal.keyId, chain: pemBlocks(seal.certificates, 'CERTIFICATE').map(certificate) };
    } else if (name === signingParameters.trustAnchors || name.startsWith(`${signingParameters.trustAnchors}/`)) {
      anchors[name] = pemBlocks(value, 'CERTIFICATE').map(certificate);
    }
  }
  return {
    policy: parameters.get(signingParameters.policy) ?? 'leader-and-agency (default)',
    trustAnchors: anchors,
    agencies,
    tsaUrl: parameters.get(signingParameters.tsaUrl) ?? null,
    remoteSigner: parameters.has(signingParameters.remote) ? JSON.parse(parameters.get(signingParameters.remote) ?? '{}') : null,
  };
}

function parse(args: readonly string[]): Parsed | 'help' | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        stage: { type: 'string' },
        path: { type: 'string' },
        agency: { type: 'string' },
        key: { type: 'string' },
        subject: { type: 'string' },
        chain: { type: 'string' },
        name: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) return 'help';
    const [action, ...rest] = positionals;
    if (rest.length > 0 || values.stage === undefined || !/^[a-z][a-z0-9-]{0,15}$/.test(values.stage)) return undefined;
    const base = { stage: values.stage, path: values.path ?? `/vanthu/${values.stage}` };
    const agency = values.agency === undefined ? undefined : parseAgencyCode(values.agency);
    const code = agency?.ok === true ? agency.code.code102 : undefined;
    const key = values.key === undefined ? {} : { key: values.key };
    switch (action) {
      case 'csr':
        return code === undefined || values.subject === undefined ? undefined : { action, ...base, agency: code, subject: values.subject, ...key };
      case 'install':
        return code === undefined || values.chain === undefined ? undefined : { action, ...base, agency: code, chain: values.chain, ...key };
      case 'trust-anchor':
        return values.name === undefined || !/^[A-Za-z0-9_.-]{1,64}$/.test(values.name) || values.file === undefined
          ? undefined
          : { action, ...base, name: values.name, file: values.file };
      case 'status':
        return { action, ...base };
      default:
        return undefined;
    }
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
}
