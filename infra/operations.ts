import { defaultRuntime, type PortName, type RouteContract } from '#http/contract';
import { allContracts } from '#http/operations/index';
import type { EngineName } from './bundling.ts';
import type { DataAccess, FunctionDefinition } from './definitions.ts';

/** Ports whose adapters keep their items in the table. */
export const tablePorts: readonly PortName[] = [
  'signing',
  'documents',
  'numbering',
  'agencies',
  'files',
  'records',
  'deliveries',
  'webhooks',
  'kpi',
  'outbox',
  'axisInbox',
  'reminders',
  'notifier',
  'directory',
  'notices',
  'work',
];

/**
 * What ports need whatever else a function declares: the table when one of them keeps items there, e-mail
 * for the notifier, the axis credentials for the axis. A worker's hand-written access must cover this too
 * (test/unit/infra/routes.test.ts).
 */
export function portNeeds(ports: readonly PortName[]): { table: boolean; sendsEmail: boolean; axis: boolean; signing: boolean } {
  return {
    table: tablePorts.some((port) => ports.includes(port)),
    sendsEmail: ports.includes('notifier'),
    axis: ports.includes('axis'),
    signing: ports.includes('signing'),
  };
}

/**
 * What an operation's ports need: the table (read for a GET, read and write otherwise), e-mail for the
 * notifier, the axis credentials for the axis; then the grants its declaration names (bucket, secrets key)
 * and the queues it sends to.
 *
 * @example
 * accessOf(getDocumentContract) // { table: 'read' }
 */
export function accessOf(operation: RouteContract): DataAccess {
  const needs = portNeeds(operation.ports);
  return {
    ...(needs.table ? { table: operation.method === 'GET' ? 'read' : 'readwrite' } : {}),
    ...(operation.grants?.bucket === undefined ? {} : { bucket: operation.grants.bucket }),
    ...(operation.grants?.destroysSecretContent === true ? { destroysSecretContent: true } : {}),
    ...(operation.sends === undefined || operation.sends.length === 0 ? {} : { sendsTo: operation.sends }),
    ...(operation.grants?.secrets === undefined ? {} : { secrets: operation.grants.secrets }),
    ...(needs.sendsEmail ? { sendsEmail: true } : {}),
    ...(needs.axis ? { axis: true } : {}),
    ...(needs.signing ? { signing: operation.grants?.signing ?? 'parameters' } : {}),
  };
}

/**
 * The engines an operation's handler loads on first use: a printer the PDF layout; the signing port the
 * stage's configuration calls (SSM, Secrets Manager, KMS), the signing engine, the remote signer and TSA
 * clients and the stamp's text layout;
 * the axis port the configuration calls (its secret).
 */
function enginesOf(operation: RouteContract, runtime: { readonly printsPdf?: boolean }): { engines?: EngineName[] } {
  const engines = new Set<EngineName>();
  if (runtime.printsPdf === true) engines.add('register-pdf');
  if (operation.ports.includes('signing')) for (const name of ['aws-config', 'pdf-signing', 'remote-signing', 'stamp-text'] as const) engines.add(name);
  if (operation.ports.includes('axis')) engines.add('aws-config');
  return engines.size === 0 ? {} : { engines: [...engines].sort() };
}

/** `getDocument` → `get-document`: the function's name and its handler `functions/http/get-document.ts`. */
export function functionName(operationId: string): string {
  return operationId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function operationFunction(operation: RouteContract): FunctionDefinition {
  const name = functionName(operation.operationId);
  const runtime = { ...defaultRuntime, ...operation.runtime };
  return {
    name,
    entry: `functions/http/${name}.ts`,
    trigger: { kind: 'http', routes: [{ method: operation.method, path: operation.path, auth: operation.auth }] },
    timeoutSeconds: runtime.timeoutSeconds,
    memoryMb: runtime.memoryMb,
    access: accessOf(operation),
    ...(runtime.localOnly === true ? { localOnly: true } : {}),
    ...(runtime.printsPdf === true || runtime.signsPdf === true ? { printsPdf: true } : {}),
    ...enginesOf(operation, runtime),
  };
}

/**
 * The function of each operation, derived from its declaration (layers/http/operations): its name and
 * handler file from the operationId, its route, its runtime, and its access from the ports it declares —
 * so the IAM role (infra/constructs/bindings.ts) and the environment (locally too) are exactly what its
 * handler composes. Nothing here is declared a second time.
 */
export const operationFunctions: readonly FunctionDefinition[] = allContracts.map(operationFunction);
