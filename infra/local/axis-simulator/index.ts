/**
 * The national axis simulator: a local HTTP server speaking the VDXP operations (DOMAIN.md §6) so that the
 * production client (layers/adapters/axis/vdxp-client.ts) runs unchanged against it, and several systems
 * (two agencies, two cities) can exchange packages on one machine. Faults are switched on at start or at
 * run time, by `setSwitches` or `POST /_sim/switches`: latency, 5xx errors, hangs, effects whose answer
 * is lost, duplicate and reordered listings, all drawn from a seeded random source. With the `peer`
 * option one registered system acts by itself (./peer.ts): it collects, answers with status packages and
 * sends documents in, steered under `/_sim/peer`. Development tooling: state lives in memory only, bounded
 * by `limits`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { vdxpOperations, type VdxpOperation } from '#adapters/axis/protocol';
import { DEFAULT_CREDENTIAL_HEADERS } from '#adapters/axis/signer';
import { simulatedCatalogue } from './catalogue.ts';
import { drain, header, readJson, sendFail, sendJson, sendOk, sendPackage } from './http-io.ts';
import { runOperation, type Answer, type OperationContext } from './operations.ts';
import { SamplePeer, type SamplePeerSettingsInput } from './peer.ts';
import { handlePeerAdmin } from './peer-admin.ts';
import { AxisStore, defaultLimits, VdxpRefusal, type SimulatedSystem, type StoreLimits, type SystemCounts } from './store.ts';
import { FaultInjector, switchesInputSchema, type Switches, type SwitchesInput } from './switches.ts';

export type { SimulatedSystem, StoreLimits } from './store.ts';
export type { Switches, SwitchesInput } from './switches.ts';
export type { PeerDocumentInput, SamplePeer, SamplePeerReport, SamplePeerSettings, SamplePeerSettingsInput, SentDocument } from './peer.ts';

export interface AxisSimulatorOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly systems: readonly SimulatedSystem[];
  readonly switches?: SwitchesInput;
  readonly limits?: Partial<StoreLimits>;
  /** Parse sent packages as edXML and refuse the unparseable (default true); false routes by `to` only. */
  readonly validatePackages?: boolean;
  /** Rows answered by `getAgenciesList`; default one simulated row per registered agency. */
  readonly catalogue?: readonly unknown[];
  /** Names of the credential headers, as the client's signer sends them. */
  readonly credentialHeaders?: { readonly systemId?: string; readonly secret?: string };
  /** Unexpected errors of the server (not refusals); default: written to stderr. */
  readonly onError?: (error: unknown) => void;
  /** One of `systems` acting as a SAMPLE peer (collecting, answering, sending in); default none. */
  readonly peer?: { readonly systemId: string; readonly settings?: SamplePeerSettingsInput; readonly timeoutMs?: number };
}

export interface AxisSimulatorState {
  /** Per system: packages sent, deliveries pending / done / failed, authenticated requests. */
  readonly systems: Record<string, SystemCounts & { readonly requests: number }>;
  readonly packages: number;
  readonly storedBytes: number;
  /** VDXP requests received (faulted ones included). */
  readonly requests: number;
  readonly faults: { readonly errors: number; readonly timeouts: number; readonly committedThenFailed: number };
  /** Hung requests still held open (0 once every client gave up or `maxHangMs` passed). */
  readonly hanging: number;
  readonly switches: Switches;
}

export interface AxisSimulator {
  /** The VDXP endpoint (`AXIS_ENDPOINT`). */
  readonly url: string;
  setSwitches(change: SwitchesInput): Switches;
  readonly switches: Switches;
  state(): AxisSimulatorState;
  addSystem(system: SimulatedSystem): void;
  /** The acting SAMPLE peer, when started with the `peer` option. */
  readonly peer: SamplePeer | undefined;
  close(): Promise<void>;
}

const ADMIN_PREFIX = '/_sim/';

const systemSchema = z.object({ systemId: z.string().min(1), secret: z.string().min(1), agencies: z.array(z.string().min(1)) });

/**
 * Starts the simulator.
 *
 * @example
 * const axis = await startAxisSimulator({
 *   systems: [
 *     { systemId: 'hanoi', secret: 'dev-only-1', agencies: ['000.00.00.H26'] },
 *     { systemId: 'vpcp', secret: 'dev-only-2', agencies: ['000.00.00.G22'] },
 *   ],
 *   switches: { errorRate: 0.1, latencyMs: [5, 50], seed: 42 },
 * });
 * const client = createVdxpClient({ endpoint: axis.url, systemId: 'hanoi', secret: 'dev-only-1', from: '000.00.00.H26' });
 * // ...
 * await axis.close();
 */
export async function startAxisSimulator(options: AxisSimulatorOptions): Promise<AxisSimulator> {
  const store = new AxisStore({ ...defaultLimits, ...options.limits });
  for (const system of options.systems) store.addSystem(systemSchema.parse(system));
  const faults = new FaultInjector(options.switches);
  const credentials = {
    systemId: (options.credentialHeaders?.systemId ?? DEFAULT_CREDENTIAL_HEADERS.systemId).toLowerCase(),
    secret: (options.credentialHeaders?.secret ?? DEFAULT_CREDENTIAL_HEADERS.secret).toLowerCase(),
  };
  const catalogue = options.catalogue === undefined ? () => simulatedCatalogue(store.registeredSystems) : () => options.catalogue ?? [];
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`axis simulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  const counters = { requests: 0, errors: 0, timeouts: 0, committedThenFailed: 0, hanging: 0, perSystem: new Map<string, number>() };
  const timers = new Set<NodeJS.Timeout>();
  let peer: SamplePeer | undefined;

  const later = (ms: number, action: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  /** Never answers, until the client leaves or `maxHangMs` passes: then 504, so nothing outlives a test. */
  const hang = (res: http.ServerResponse) => {
    counters.hanging += 1;
    const timer = later(faults.switches.maxHangMs, () => sendFail(res, 504, 'SIMULATED_TIMEOUT', 'the simulated axis hung and gave up'));
    res.on('close', () => {
      counters.hanging -= 1;
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  async function handleVdxp(req: http.IncomingMessage, res: http.ServerResponse, operation: VdxpOperation): Promise<void> {
    counters.requests += 1;
    const delay = faults.latency();
    if (delay > 0) await sleep(delay);
    const decision = faults.decide();
    if (decision.kind !== 'proceed') {
      await drain(req);
      if (decision.kind === 'hang') {
        counters.timeouts += 1;
        return hang(res);
      }
      counters.errors += 1;
      return sendFail(res, decision.httpStatus, 'SIMULATED_FAULT', 'simulated axis failure');
    }
    const system = store.authenticate(header(req, credentials.systemId), header(req, credentials.secret));
    if (system === undefined) {
      await drain(req);
      return sendFail(res, 401, 'UNAUTHORIZED', 'unknown system or wrong secret');
    }
    counters.perSystem.set(system.systemId, (counters.perSystem.get(system.systemId) ?? 0) + 1);
    const ctx: OperationContext = { req, system, store, faults, validatePackages: options.validatePackages ?? true, catalogue };
    let answer: Answer;
    try {
      answer = await runOperation(operation, ctx);
    } catch (error) {
      if (!(error instanceof VdxpRefusal)) throw error;
      return sendFail(res, error.httpStatus, error.errorCode, error.message);
    }
    if (faults.failAfterCommit()) {
      counters.committedThenFailed += 1;
      return sendFail(res, 500, 'SIMULATED_FAULT', 'the operation took effect but its answer was lost');
    }
    if (answer.kind === 'package') await sendPackage(res, answer.bytes);
    else sendOk(res, answer.fields);
  }

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const route = `${req.method ?? 'GET'} ${path.slice(ADMIN_PREFIX.length)}`;
    if (/^\S+ peer(\/|$)/.test(route)) return handlePeerAdmin(peer, req, res, route);
    try {
      if (route === 'GET state') return sendJson(res, 200, state());
      if (route === 'GET switches') return sendJson(res, 200, faults.switches);
      if (route === 'POST switches') return sendJson(res, 200, faults.set(switchesInputSchema.parse(await readJson(req))));
      if (route === 'POST systems') {
        store.addSystem(systemSchema.parse(await readJson(req)));
        return sendJson(res, 201, { systems: store.registeredSystems.map((s) => s.systemId) });
      }
      await drain(req);
      return sendJson(res, 404, { error: `no admin route ${route}` });
    } catch (error) {
      // Bad admin input (invalid JSON, switches out of range, a duplicate system) is the caller's to fix.
      return sendJson(res, 400, { error: error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error) });
    }
  }

  function state(): AxisSimulatorState {
    const systems: Record<string, SystemCounts & { requests: number }> = {};
    for (const [id, counts] of Object.entries(store.counts())) systems[id] = { ...counts, requests: counters.perSystem.get(id) ?? 0 };
    const { errors, timeouts, committedThenFailed } = counters;
    return { systems, ...store.memory, requests: counters.requests, faults: { errors, timeouts, committedThenFailed }, hanging: counters.hanging, switches: faults.switches };
  }

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const handled = path.startsWith(ADMIN_PREFIX) ? handleAdmin(req, res, path) : route(req, res, path);
    handled.catch((error: unknown) => {
      // A client that gave up mid-request (its timeout) is normal traffic here, not a simulator fault.
      if (req.socket.destroyed) return;
      onError(error);
      if (res.headersSent) res.destroy();
      else sendFail(res, 500, 'INTERNAL', 'the simulated axis failed');
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    // The endpoint may carry a base path (`http://host/vdxp`): the operation is the last segment.
    const name =
      path
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? '';
    const operation = vdxpOperations.find((op) => op === name);
    if (operation === undefined) {
      await drain(req);
      return sendFail(res, 404, 'UNKNOWN_OPERATION', `no operation ${name}`);
    }
    const allowed = operation === 'countReceiveEdoc' ? ['GET', 'POST'] : ['POST'];
    if (!allowed.includes(req.method ?? '')) {
      await drain(req);
      return sendFail(res, 405, 'METHOD_NOT_ALLOWED', `${operation} takes ${allowed.join(' or ')}`);
    }
    return handleVdxp(req, res, operation);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    if (options.peer !== undefined) peer = startPeer(url, store, options.peer);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }

  return {
    url,
    setSwitches: (change) => faults.set(change),
    get switches() {
      return faults.switches;
    },
    state,
    addSystem: (system) => store.addSystem(systemSchema.parse(system)),
    peer,
    close: async () => {
      // The peer stops first; its calls still under way end when their connections are closed below.
      const peerStopped = peer?.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await peerStopped;
    },
  };
}

/** The peer acts as a registered system, through the production client over HTTP like any other. */
function startPeer(url: string, store: AxisStore, options: NonNullable<AxisSimulatorOptions['peer']>): SamplePeer {
  const system = store.registeredSystems.find((s) => s.systemId === options.systemId);
  if (system === undefined) throw new Error(`peer: no registered system ${options.systemId}`);
  const peer = new SamplePeer({
    endpoint: url,
    system,
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  peer.start();
  return peer;
}
