import { asList, isRecord, prop, references, resolve, resources, sameResource, tag, type Located, type Templates } from './template.ts';

/** Tag keys set by the constructs (infra/constructs/function.ts, queues.ts). */
const functionTag = 'vanthu:function';
const queueTag = 'vanthu:queue';

/** The deployed Lambda function of a definition name, found by its tag. */
export function functionNamed(templates: Templates, name: string): Located | undefined {
  return resources(templates, 'AWS::Lambda::Function').find((fn) => tag(fn.resource, functionTag) === name);
}

/** The work queue and the dead-letter queue of a queue definition, found by tag. */
export function queueNamed(templates: Templates, name: string): { queue: Located; deadLetter: Located } {
  const tagged = resources(templates, 'AWS::SQS::Queue').filter((queue) => tag(queue.resource, queueTag) === name);
  const queue = tagged.find((candidate) => prop(candidate.resource, 'RedrivePolicy') !== undefined);
  const deadLetter = tagged.find((candidate) => prop(candidate.resource, 'RedrivePolicy') === undefined);
  if (tagged.length !== 2 || queue === undefined || deadLetter === undefined) throw new Error(`queue ${name}: expected a queue and a dead-letter queue`);
  return { queue, deadLetter };
}

/** The queue definition name of a resource reference, if it is one of the tagged queues. */
export function queueNameOf(templates: Templates, at: Located, value: unknown): string | undefined {
  const target = resolve(templates, at.stack, value);
  return target?.resource.Type === 'AWS::SQS::Queue' ? tag(target.resource, queueTag) : undefined;
}

/** The Allow statements of the inline policies attached to a function's role. */
export function grantsOf(templates: Templates, fn: Located): { readonly at: Located; readonly actions: string[]; readonly resources: unknown[] }[] {
  const role = resolve(templates, fn.stack, prop(fn.resource, 'Role'));
  return resources(templates, 'AWS::IAM::Policy')
    .filter((policy) => asList(prop(policy.resource, 'Roles')).some((ref) => sameResource(resolve(templates, policy.stack, ref), role)))
    .flatMap((policy) =>
      asList(prop(policy.resource, 'PolicyDocument', 'Statement'))
        .filter(isRecord)
        .filter((statement) => statement['Effect'] === 'Allow')
        .map((statement) => ({ at: policy, actions: asList(statement['Action']).map(String), resources: asList(statement['Resource']) })),
    );
}

/** The actions a function may perform on a service (`dynamodb`), across its statements. */
export function actionsOn(templates: Templates, fn: Located, service: string): Set<string> {
  return new Set(grantsOf(templates, fn).flatMap(({ actions }) => actions.filter((action) => action.startsWith(`${service}:`))));
}

/** The resources (as located targets) a function's statements with actions of a service apply to. */
export function resourcesFor(templates: Templates, fn: Located, service: string): Located[] {
  return grantsOf(templates, fn)
    .filter(({ actions }) => actions.some((action) => action.startsWith(`${service}:`)))
    .flatMap((grant) => references(templates, grant.at.stack, grant.resources));
}

/** The AWS::ApiGatewayV2::Route of a route key (`GET /documents/{id}`). */
export function routeWithKey(templates: Templates, routeKey: string): Located | undefined {
  return resources(templates, 'AWS::ApiGatewayV2::Route').find((route) => prop(route.resource, 'RouteKey') === routeKey);
}

/** The function a route's target integration invokes. */
export function functionBehind(templates: Templates, route: Located): Located | undefined {
  const integration = references(templates, route.stack, prop(route.resource, 'Target')).find((target) => target.resource.Type === 'AWS::ApiGatewayV2::Integration');
  return integration === undefined ? undefined : resolve(templates, integration.stack, prop(integration.resource, 'IntegrationUri'));
}
