import type { FunctionDefinition } from '#infra/definitions';
import { systemDefinitions, type SystemDefinitions } from '#infra/stacks/system';

/**
 * Functions of the kinds infra/definitions.ts may not list yet (queue consumers, a schedule, bucket and
 * queue access), added to the real definitions so the generic code and rules are exercised on them.
 */
export const fixtureFunctions: readonly FunctionDefinition[] = [
  {
    name: 'fixture-axis-sender',
    entry: 'functions/fixture/axis-sender.ts',
    trigger: { kind: 'queue', queue: 'axisOutbox', batchSize: 10 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    access: { table: 'readwrite', bucket: 'read' },
  },
  {
    name: 'fixture-axis-poller',
    entry: 'functions/fixture/axis-poller.ts',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { table: 'read', sendsTo: ['axisInbox'] },
  },
  {
    name: 'fixture-signature-verifier',
    entry: 'functions/fixture/signature-verifier.ts',
    trigger: { kind: 'queue', queue: 'fileUploaded', batchSize: 20 },
    timeoutSeconds: 45,
    memoryMb: 1024,
    access: { table: 'readwrite', bucket: 'readwrite', sendsTo: ['webhookOutbox'] },
  },
];

const allFunctions = [...systemDefinitions.functions, ...fixtureFunctions];

/** Six times the longest consumer of the queue among the real and fixture functions (as definitions.ts does). */
export const fixtureDefinitions: SystemDefinitions = {
  ...systemDefinitions,
  functions: allFunctions,
  visibilityTimeoutSeconds: (queue) => 6 * Math.max(30, ...allFunctions.filter((fn) => fn.trigger.kind === 'queue' && fn.trigger.queue === queue).map((fn) => fn.timeoutSeconds)),
};
