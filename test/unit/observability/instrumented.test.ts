/**
 * Every function the stacks deploy logs and measures through layers/observability: HTTP handlers through
 * httpRoute, workers through `instrumented`. A new worker that forgets it fails here.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions } from '#infra/definitions';

const root = path.resolve(import.meta.dirname, '../../..');
const deployed = functions.filter((fn) => fn.localOnly !== true);

describe('every deployed function', () => {
  it.each(deployed.filter((fn) => fn.trigger.kind !== 'http').map((fn) => [fn.name, fn.entry] as const))('%s runs instrumented', async (name, entry) => {
    // Act
    const module = (await import(path.join(root, entry))) as { handler: { instrumented?: string } };

    // Assess
    expect(module.handler.instrumented, `${name} (${entry}) exports a handler made with instrumented()`).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it('of HTTP is made by httpRoute, which instruments each request', async () => {
    // Prepare
    const http = deployed.filter((fn) => fn.trigger.kind === 'http');

    // Act
    const made = await Promise.all(http.map(async (fn) => ((await import(path.join(root, fn.entry))) as { handler: { operation?: unknown } }).handler.operation !== undefined));

    // Assess
    expect(http.length).toBeGreaterThan(50);
    expect(http.filter((_, i) => !made[i]).map((fn) => fn.name)).toEqual([]);
  });
});
