import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { functions } from '#infra/definitions';
import { allContracts } from '#http/contracts/index';

const routeKeys = functions.flatMap((fn) => (fn.trigger.kind === 'http' ? fn.trigger.routes.map((r) => ({ key: `${r.method} ${r.path}`, auth: r.auth, fn })) : []));

describe('route contracts and function definitions agree', () => {
  it('has a function route for every contract, with the same auth', () => {
    for (const contract of allContracts) {
      const route = routeKeys.find((r) => r.key === `${contract.method} ${contract.path}`);
      expect(route, `${contract.method} ${contract.path}`).toBeDefined();
      expect(route?.auth).toBe(contract.auth);
    }
  });

  it('has a contract for every function route (so the OpenAPI document is complete)', () => {
    const documented = new Set(allContracts.map((c) => `${c.method} ${c.path}`));
    expect(routeKeys.map((r) => r.key).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('points every function at a handler file that exists', () => {
    expect(functions.filter((fn) => !existsSync(fn.entry)).map((fn) => fn.entry)).toEqual([]);
  });
});
