import { where, type Rule } from './rules-messaging.ts';
import { asList, isRecord, prop, resolve, resources, type Located, type Templates } from './template.ts';

/**
 * CDK's own custom-resource handler that applies the bucket's notification configuration (inline Python,
 * fixed singleton id, role with AWSLambdaBasicExecutionRole and s3:PutBucketNotification on the bucket).
 * We do not build or configure it, so the runtime and logging rules leave it out; the IAM rules do not.
 */
const cdkBucketNotificationsHandler = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/**
 * CDK's custom-resource handler of BucketDeployment, which copies the built portal into its bucket at deploy
 * time (Python with the AWS CLI layer, fixed singleton id). Its runtime is CDK's; its role and log group are
 * ours (infra/constructs/portal.ts): the IAM rules here check its grants like any other, portal.test.ts the rest.
 */
const cdkBucketDeploymentHandler = 'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';

export function isCdkFrameworkFunction(fn: Located): boolean {
  return fn.id.startsWith(cdkBucketNotificationsHandler) || fn.id.startsWith(cdkBucketDeploymentHandler);
}

/** Our functions: every Lambda function but CDK's framework handlers. */
export function systemFunctions(templates: Templates): Located[] {
  return resources(templates, 'AWS::Lambda::Function').filter((fn) => !isCdkFrameworkFunction(fn));
}

/** Our functions run Node.js 22 on ARM with active tracing. */
export const wrongRuntime: Rule = (templates) =>
  systemFunctions(templates).flatMap((fn) => [
    ...(prop(fn.resource, 'Runtime') === 'nodejs22.x' ? [] : [`${where(fn)}: runtime ${String(prop(fn.resource, 'Runtime'))}, not nodejs22.x`]),
    ...(JSON.stringify(prop(fn.resource, 'Architectures')) === '["arm64"]' ? [] : [`${where(fn)}: not arm64`]),
    ...(prop(fn.resource, 'TracingConfig', 'Mode') === 'Active' ? [] : [`${where(fn)}: tracing not active`]),
  ]);

/** Every function (CDK's included) has a role of these stacks, and no two functions share one. */
export const sharedRole: Rule = (templates) => {
  const owners = new Map<string, Located[]>();
  const found: string[] = [];
  for (const fn of resources(templates, 'AWS::Lambda::Function')) {
    const role = resolve(templates, fn.stack, prop(fn.resource, 'Role'));
    if (role?.resource.Type !== 'AWS::IAM::Role') {
      found.push(`${where(fn)}: role is not an IAM role of these stacks`);
      continue;
    }
    owners.set(where(role), [...(owners.get(where(role)) ?? []), fn]);
  }
  for (const [role, functions] of owners) {
    if (functions.length > 1) found.push(`${role}: shared by ${functions.map(where).join(', ')}`);
  }
  return found;
};

/**
 * The role of each of our functions can be assumed by Lambda only and carries no managed policy (its
 * grants are all inline, reviewable in the template).
 */
export const roleTooBroad: Rule = (templates) =>
  systemFunctions(templates).flatMap((fn) => {
    const role = resolve(templates, fn.stack, prop(fn.resource, 'Role'));
    if (role === undefined) return [];
    const trusted = asList(prop(role.resource, 'AssumeRolePolicyDocument', 'Statement'))
      .filter(isRecord)
      .map((statement) => JSON.stringify(statement['Principal']));
    return [
      ...(trusted.every((principal) => principal === '{"Service":"lambda.amazonaws.com"}') ? [] : [`${where(role)}: trusted by ${trusted.join(', ')}`]),
      ...(asList(prop(role.resource, 'ManagedPolicyArns')).length === 0 ? [] : [`${where(role)}: managed policies attached`]),
    ];
  });

/** Each of our functions logs to its own log group of these stacks, with a retention period. */
export const logsWithoutRetention: Rule = (templates) =>
  systemFunctions(templates).flatMap((fn) => {
    const group = resolve(templates, fn.stack, prop(fn.resource, 'LoggingConfig', 'LogGroup'));
    if (group?.resource.Type !== 'AWS::Logs::LogGroup') return [`${where(fn)}: no log group of its own`];
    return typeof prop(group.resource, 'RetentionInDays') === 'number' ? [] : [`${where(group)}: logs kept forever`];
  });
