import type { FunctionDefinition, HttpRoute } from '#infra/definitions';

/** Where the functions and routes of the stateless stack go: nested stacks by area. */
export interface AreaLayout {
  /** The nested stacks, each with the functions it deploys (an area's routes only: empty). */
  readonly stacks: readonly AreaStackPlan[];
  /** Every route with the nested stack it is declared in. */
  readonly routes: readonly PlacedRoute[];
}

export interface AreaStackPlan {
  /** Construct id of the nested stack: `Documents`, `Documents2`, `Workers`. */
  readonly id: string;
  /** The area it belongs to: the first path segment (`documents`), or `workers`. */
  readonly area: string;
  readonly functions: readonly FunctionDefinition[];
}

export interface PlacedRoute {
  /** Construct id of the nested stack that declares the route. */
  readonly stackId: string;
  readonly definition: FunctionDefinition;
  readonly route: HttpRoute;
}

/**
 * At most this many functions a nested stack: each brings about six resources (role, policy, log group,
 * function, its errors and throttles alarms) and its area's routes bring two each plus one integration a
 * function, so an area stack of 15 functions and 30 routes stays near 180 of CloudFormation's 500
 * (test/infra/nested.test.ts holds every stack to 200).
 */
export const functionsPerStack = 15;

/** The area of the functions triggered by queues and schedules. */
export const workersArea = 'workers';

/**
 * Places the deployed functions and their routes in nested stacks by area, the first path segment
 * (`/documents/{id}/files` → `documents`); queue and schedule functions form the `workers` area.
 *
 * A route is declared in the first stack of its own path's area, whatever else changes, because API Gateway
 * refuses a route key the API already has: a route moved to another nested stack would be created there
 * before CloudFormation deletes it from the old one, and the deployment would fail. So areas are never merged
 * by size (an area that grew would take its routes out of the merged stack). Functions may move freely
 * (generated names, nothing unique to collide on): an area with more than `functionsPerStack` functions
 * continues in `<Area>2`, `<Area>3`, in definition order. A function belongs to the area of its first route.
 *
 * @example
 * layoutByArea(deployedFunctions(systemDefinitions.functions)).stacks.map((stack) => stack.id);
 * // ['Health', 'OpenapiJson', 'Agencies', 'Documents', 'Documents2', 'Reports', 'Registers', 'Workers', 'Records', …]
 */
export function layoutByArea(definitions: readonly FunctionDefinition[], perStack: number = functionsPerStack): AreaLayout {
  const byArea = new Map<string, FunctionDefinition[]>();
  const routeAreas: string[] = [];
  for (const definition of definitions) {
    const area = areaOf(definition);
    byArea.set(area, [...(byArea.get(area) ?? []), definition]);
    for (const route of routesOf(definition)) routeAreas.push(areaOfPath(route.path));
  }
  // An area with routes but no function of its own still needs its stack for them.
  for (const area of routeAreas) if (!byArea.has(area)) byArea.set(area, []);
  const stacks = [...byArea].flatMap(([area, functions]) => chunks(functions, perStack).map((chunk, index) => ({ id: stackId(area, index), area, functions: chunk })));
  const routes = definitions.flatMap((definition) => routesOf(definition).map((route) => ({ stackId: stackId(areaOfPath(route.path), 0), definition, route })));
  return { stacks, routes };
}

/** The area of a function: that of its first route, or `workers`. */
export function areaOf(definition: FunctionDefinition): string {
  const [first] = routesOf(definition);
  return first === undefined ? workersArea : areaOfPath(first.path);
}

function areaOfPath(path: string): string {
  return path.split('/').find((segment) => segment !== '') ?? 'root';
}

function routesOf(definition: FunctionDefinition): readonly HttpRoute[] {
  return definition.trigger.kind === 'http' ? definition.trigger.routes : [];
}

/** `openapi.json`, 1 → `OpenapiJson2`: a construct id, stable for the area and position. */
function stackId(area: string, index: number): string {
  const words = area.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('') || 'Root';
  return index === 0 ? name : `${name}${index + 1}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const found: T[][] = [];
  for (let start = 0; start < items.length; start += size) found.push(items.slice(start, start + size));
  return found;
}
