import type { DataAccess, FunctionDefinition, HttpRoute } from '../definitions.ts';

/**
 * An HTTP API function with the usual timeout and memory, its handler at `functions/http/<name>.ts`. Its
 * own module (types only from definitions.ts), so the area modules that definitions.ts imports can use it.
 */
export const api = (name: string, routes: readonly HttpRoute[], access: DataAccess, extra: Partial<FunctionDefinition> = {}): FunctionDefinition => ({
  name,
  entry: `functions/http/${name}.ts`,
  trigger: { kind: 'http', routes },
  timeoutSeconds: 10,
  memoryMb: 512,
  access,
  ...extra,
});
