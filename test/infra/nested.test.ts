import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '#infra/definitions';
import { functionsPerStack, layoutByArea } from '#infra/stacks/areas';
import { deployedFunctions, systemDefinitions } from '#infra/stacks/system';
import { fixtureDefinitions } from './fixture.ts';
import { systemFunctions } from './rules-functions.ts';
import { where } from './rules-messaging.ts';
import { synthesizeSystem } from './synth.ts';
import { prop, resolve, resources, type CfnTemplate, type Templates } from './template.ts';

// Prepare (shared): the app as defined, and with the fixture's consumers and schedule.
const system = synthesizeSystem();
const fixture = synthesizeSystem({ definitions: fixtureDefinitions });

/** CloudFormation's quotas are 500 resources, 200 parameters and 200 outputs a template; we keep headroom. */
const parentResources = 250;
const nestedResources = 200;
const parametersOrOutputs = 150;

const top = (templates: Templates, name: string): CfnTemplate => {
  const template = templates.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  return template;
};

describe.each([
  ['as defined', system, systemDefinitions.functions],
  ['with the fixture', fixture, fixtureDefinitions.functions],
])('the stateless stack (%s)', (_case, app, definitions) => {
  const parentName = [...app.templates].find(([name, template]) => template.nestedIn === undefined && name.endsWith('-stateless'))?.[0] ?? '';
  const nested = [...app.templates].filter(([, template]) => template.nestedIn !== undefined);

  it(`holds at most ${parentResources} resources itself`, () => {
    // Assess
    expect(Object.keys(top(app.templates, parentName).Resources).length).toBeLessThanOrEqual(parentResources);
  });

  it(`spreads its functions over nested stacks of at most ${nestedResources} resources each`, () => {
    // Assess
    expect(nested.length).toBeGreaterThan(1);
    for (const [name, template] of nested) {
      expect(template.nestedIn?.stack, name).toBe(parentName);
      expect(Object.keys(template.Resources).length, name).toBeLessThanOrEqual(nestedResources);
      expect(Object.keys(template.Parameters ?? {}).length, name).toBeLessThanOrEqual(parametersOrOutputs);
      expect(Object.keys(template.Outputs ?? {}).length, name).toBeLessThanOrEqual(parametersOrOutputs);
    }
  });

  it('keeps every function, route and trigger in a nested stack, and the API, stage, authorizer, page-token key, API alarms and dashboard in the parent', () => {
    // Assess
    const parent = top(app.templates, parentName);
    const parentTypes = new Set(Object.values(parent.Resources).map((resource) => resource.Type));
    expect([...parentTypes].sort()).toEqual(
      [
        'AWS::ApiGatewayV2::Api',
        'AWS::ApiGatewayV2::Authorizer',
        'AWS::ApiGatewayV2::Stage',
        'AWS::CloudFormation::Stack',
        'AWS::CloudWatch::Alarm',
        'AWS::CloudWatch::Dashboard',
        'AWS::Logs::LogGroup',
        'AWS::SecretsManager::Secret',
      ].sort(),
    );
    const functions = systemFunctions(app.templates).filter((fn) => fn.stack.startsWith(parentName));
    expect(functions.length).toBe(deployedFunctions(definitions).length);
    for (const fn of functions) expect(app.templates.get(fn.stack)?.nestedIn, where(fn)).toBeDefined();
  });

  it('creates the JWT authorizer once, in the parent, and attaches every route to the parent API', () => {
    // Prepare
    const [api, ...otherApis] = resources(app.templates, 'AWS::ApiGatewayV2::Api');
    const [authorizer, ...otherAuthorizers] = resources(app.templates, 'AWS::ApiGatewayV2::Authorizer');
    const routes = resources(app.templates, 'AWS::ApiGatewayV2::Route');
    // Assess
    expect(otherApis).toEqual([]);
    expect(otherAuthorizers).toEqual([]);
    expect(api?.stack).toBe(parentName);
    expect(authorizer?.stack).toBe(parentName);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(app.templates.get(route.stack)?.nestedIn, where(route)).toBeDefined();
      expect(resolve(app.templates, route.stack, prop(route.resource, 'ApiId'))?.id, where(route)).toBe(api?.id);
      if (prop(route.resource, 'AuthorizationType') === 'JWT') {
        expect(resolve(app.templates, route.stack, prop(route.resource, 'AuthorizerId'))?.id, where(route)).toBe(authorizer?.id);
      }
    }
    for (const integration of resources(app.templates, 'AWS::ApiGatewayV2::Integration')) {
      expect(resolve(app.templates, integration.stack, prop(integration.resource, 'ApiId'))?.id, where(integration)).toBe(api?.id);
    }
  });
});

describe('layoutByArea', () => {
  const http = (name: string, path: string): FunctionDefinition => ({
    name,
    entry: `functions/http/${name}.ts`,
    trigger: { kind: 'http', routes: [{ method: 'GET', path, auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: {},
  });
  const worker: FunctionDefinition = { ...http('relay', '/x'), trigger: { kind: 'schedule', everyMinutes: 1 } };

  it('groups functions by the first segment of their first route, queue and schedule functions as workers', () => {
    // Act
    const layout = layoutByArea([http('a', '/documents/{id}'), http('b', '/agencies'), http('c', '/documents'), worker, http('d', '/openapi.json')]);
    // Assess
    expect(layout.stacks.map((stack) => [stack.id, stack.functions.map((fn) => fn.name)])).toEqual([
      ['Documents', ['a', 'c']],
      ['Agencies', ['b']],
      ['Workers', ['relay']],
      ['OpenapiJson', ['d']],
    ]);
  });

  it(`continues an area of more than ${functionsPerStack} functions in <Area>2, and keeps all its routes in the first stack`, () => {
    // Act
    const many = Array.from({ length: functionsPerStack + 3 }, (_, index) => http(`f${index}`, `/documents/{id}/f${index}`));
    const layout = layoutByArea(many);
    // Assess
    expect(layout.stacks.map((stack) => [stack.id, stack.functions.length])).toEqual([
      ['Documents', functionsPerStack],
      ['Documents2', 3],
    ]);
    expect(new Set(layout.routes.map((route) => route.stackId))).toEqual(new Set(['Documents']));
  });

  it('never moves a route when functions are added before it or its area grows (API Gateway refuses a route key twice)', () => {
    // Prepare
    const before = [http('keep', '/registers'), http('doc', '/documents')];
    const after = [http('new', '/registers/{id}'), ...Array.from({ length: 2 * functionsPerStack }, (_, index) => http(`r${index}`, `/registers/r${index}`)), ...before];
    const stackOf = (layout: ReturnType<typeof layoutByArea>, name: string) => layout.routes.find((route) => route.definition.name === name)?.stackId;
    // Act
    const first = layoutByArea(before);
    const second = layoutByArea(after);
    // Assess
    for (const name of ['keep', 'doc']) expect(stackOf(second, name)).toBe(stackOf(first, name));
  });

  it('places every deployed function of the definitions exactly once', () => {
    // Act
    const deployed = deployedFunctions(fixtureDefinitions.functions);
    const placed = layoutByArea(deployed).stacks.flatMap((stack) => stack.functions.map((fn) => fn.name));
    // Assess
    expect(placed.sort()).toEqual(deployed.map((fn) => fn.name).sort());
  });
});
