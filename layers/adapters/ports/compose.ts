import type { Dependencies } from '#app/context';
import { lazy } from '../lazy.ts';

type PortName = keyof Dependencies;

/** How a function builds one port: called once per container, on the port's first use. */
export type PortFactories = { readonly [K in PortName]?: () => Dependencies[K] };

/**
 * The composition of one function: the ports its operation declares, each built on first use by the
 * factory the handler imported (layers/adapters/ports/<port>.ts), so a bundle holds only the adapters, SDK
 * clients and libraries of those ports. A port the operation did not declare is not there: touching it
 * throws at once, naming the operation and the port, in the local runtime as in AWS.
 *
 * @example
 * const deps = composePorts('getDocument', { documents });
 * deps.documents; // built now
 * deps.files; // throws: getDocument does not declare the port "files"
 */
export function composePorts(owner: string, factories: PortFactories): Dependencies {
  const declared = Object.keys(factories) as PortName[];
  // Built once per container (per function environment in the local runtime, and again after its restart).
  const ports = new Map(declared.map((name) => [name, lazy(factories[name] as () => unknown)]));
  const port = (name: PortName): unknown => ports.get(name)?.();
  return new Proxy({} as Dependencies, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      // A promise-like check (`await deps`) or a spread asks for names that are not ports.
      if (!(declared as string[]).includes(name)) {
        if (name === 'then' || name === 'toJSON') return undefined;
        throw new Error(`${owner} does not declare the port "${name}"; add it to its ports (and its handler's factories).`);
      }
      return port(name as PortName);
    },
    has: (_target, name) => (declared as (string | symbol)[]).includes(name),
    ownKeys: () => declared,
    getOwnPropertyDescriptor: (_target, name) =>
      (declared as (string | symbol)[]).includes(name) ? { enumerable: true, configurable: true, value: port(name as PortName) } : undefined,
  });
}
