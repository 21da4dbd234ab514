/**
 * A small model of synthesized CloudFormation templates, to walk all resources of every stack, nested
 * ones included, and follow references across them (CDK's weak `Fn::GetStackOutput` and strong
 * `Fn::ImportValue` between stacks; parameters and outputs between a nested stack and its parent).
 */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, unknown>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>;
  /** Not CloudFormation: for a nested stack's template, the template and AWS::CloudFormation::Stack resource that create it. */
  readonly nestedIn?: { readonly stack: string; readonly id: string };
}

/** Templates by stack name. */
export type Templates = ReadonlyMap<string, CfnTemplate>;

/** A resource and where it lives. */
export interface Located {
  readonly stack: string;
  readonly id: string;
  readonly resource: CfnResource;
}

/** A resolved reference: the resource (and attribute, for GetAtt) a value points to. */
export interface Target extends Located {
  readonly attribute: string | undefined;
}

/** Every resource of every stack, optionally of one type. */
export function resources(templates: Templates, type?: string): Located[] {
  const found: Located[] = [];
  for (const [stack, template] of templates) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (type === undefined || resource.Type === type) found.push({ stack, id, resource });
    }
  }
  return found;
}

/** A property by path (`['RedrivePolicy', 'maxReceiveCount']`), or undefined. */
export function prop(resource: CfnResource, ...path: readonly (string | number)[]): unknown {
  let value: unknown = resource.Properties;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The value of a resource tag. */
export function tag(resource: CfnResource, key: string): string | undefined {
  const tags = prop(resource, 'Tags');
  if (!Array.isArray(tags)) return undefined;
  const found: unknown = tags.find((entry: unknown) => isRecord(entry) && entry['Key'] === key);
  return isRecord(found) && typeof found['Value'] === 'string' ? found['Value'] : undefined;
}

/**
 * The resource a value refers to: `Ref`, `Fn::GetAtt`, an output of another stack read through
 * `Fn::GetStackOutput` / `Fn::ImportValue`, a nested stack's parameter (what its parent passes) or a
 * nested stack's output read by its parent. Undefined for literals, pseudo parameters and joins.
 */
export function resolve(templates: Templates, stack: string, value: unknown): Target | undefined {
  if (!isRecord(value)) return undefined;
  const ref = value['Ref'];
  if (typeof ref === 'string') return located(templates, stack, ref, undefined) ?? passedIn(templates, stack, ref);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    const attribute = typeof getAtt[1] === 'string' ? getAtt[1] : undefined;
    const fromNested = attribute?.startsWith('Outputs.') === true ? nestedOutput(templates, stack, getAtt[0], attribute.slice('Outputs.'.length)) : undefined;
    return fromNested ?? located(templates, stack, getAtt[0], attribute);
  }
  const stackOutput = value['Fn::GetStackOutput'];
  if (isRecord(stackOutput) && typeof stackOutput['StackName'] === 'string' && typeof stackOutput['OutputName'] === 'string') {
    const output = templates.get(stackOutput['StackName'])?.Outputs?.[stackOutput['OutputName']];
    return output === undefined ? undefined : resolve(templates, stackOutput['StackName'], output.Value);
  }
  const importName = value['Fn::ImportValue'];
  if (typeof importName === 'string') {
    for (const [producer, template] of templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export?.Name === importName) return resolve(templates, producer, output.Value);
      }
    }
  }
  return undefined;
}

/** Every resource a value refers to, looking inside joins, arrays and objects. */
export function references(templates: Templates, stack: string, value: unknown): Target[] {
  const direct = resolve(templates, stack, value);
  if (direct !== undefined) return [direct];
  if (Array.isArray(value)) return value.flatMap((item) => references(templates, stack, item));
  if (isRecord(value)) return Object.values(value).flatMap((item) => references(templates, stack, item));
  return [];
}

/** True when two targets are the same resource (attribute ignored). */
export function sameResource(a: Located | undefined, b: Located | undefined): boolean {
  return a !== undefined && b !== undefined && a.stack === b.stack && a.id === b.id;
}

/** A value as a list (CloudFormation accepts a single item where a list is expected). */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value a parent passes to a parameter of a nested stack, resolved in the parent. */
function passedIn(templates: Templates, stack: string, parameter: string): Target | undefined {
  const template = templates.get(stack);
  if (template?.Parameters?.[parameter] === undefined || template.nestedIn === undefined) return undefined;
  const { stack: parent, id } = template.nestedIn;
  const creator = templates.get(parent)?.Resources[id];
  return creator === undefined ? undefined : resolve(templates, parent, prop(creator, 'Parameters', parameter));
}

/** An output of the nested stack that a parent's AWS::CloudFormation::Stack resource creates, resolved in it. */
function nestedOutput(templates: Templates, parent: string, id: string, output: string): Target | undefined {
  for (const [name, template] of templates) {
    if (template.nestedIn?.stack === parent && template.nestedIn.id === id) {
      const found = template.Outputs?.[output];
      return found === undefined ? undefined : resolve(templates, name, found.Value);
    }
  }
  return undefined;
}

function located(templates: Templates, stack: string, id: string, attribute: string | undefined): Target | undefined {
  const resource = templates.get(stack)?.Resources[id];
  return resource === undefined ? undefined : { stack, id, resource, attribute };
}
