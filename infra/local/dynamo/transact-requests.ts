/**
 * The two transaction requests as they arrive on the wire, checked with zod before anything touches
 * dynalite. Attribute values stay opaque here: dynalite validates them when each single-item call is made.
 */
import * as z from 'zod';
import { serializationError, validationError, type DynamoAnswerError } from './answers.ts';

/** An item or key: attribute name -> attribute value (`{ S: '...' }`, `{ N: '1' }`, ...). */
export const attributeMap = z.record(z.string(), z.looseObject({}));
export type AttributeMap = z.infer<typeof attributeMap>;

const onConditionFailure = z.enum(['ALL_OLD', 'NONE']);

/** Parts every write of a transaction shares; names and values belong to the one operation. */
const writeParts = {
  TableName: z.string(),
  ConditionExpression: z.string().optional(),
  ExpressionAttributeNames: z.record(z.string(), z.string()).optional(),
  ExpressionAttributeValues: attributeMap.optional(),
  ReturnValuesOnConditionCheckFailure: onConditionFailure.optional(),
};

const put = z.object({ ...writeParts, Item: attributeMap });
const update = z.object({ ...writeParts, Key: attributeMap, UpdateExpression: z.string() });
const remove = z.object({ ...writeParts, Key: attributeMap });
const conditionCheck = z.object({ ...writeParts, Key: attributeMap, ConditionExpression: z.string() });

export type PutOperation = z.infer<typeof put>;
export type UpdateOperation = z.infer<typeof update>;
export type DeleteOperation = z.infer<typeof remove>;
export type ConditionCheckOperation = z.infer<typeof conditionCheck>;

const transactWriteItem = z.object({
  Put: put.optional(),
  Update: update.optional(),
  Delete: remove.optional(),
  ConditionCheck: conditionCheck.optional(),
});
export type TransactWriteItem = z.infer<typeof transactWriteItem>;

export const transactWriteRequest = z.object({
  TransactItems: z.array(transactWriteItem),
  ClientRequestToken: z.string().optional(),
  ReturnConsumedCapacity: z.enum(['INDEXES', 'TOTAL', 'NONE']).optional(),
  ReturnItemCollectionMetrics: z.enum(['SIZE', 'NONE']).optional(),
});
export type TransactWriteRequest = z.infer<typeof transactWriteRequest>;

const get = z.object({
  TableName: z.string(),
  Key: attributeMap,
  ProjectionExpression: z.string().optional(),
  ExpressionAttributeNames: z.record(z.string(), z.string()).optional(),
});
export type GetOperation = z.infer<typeof get>;

export const transactGetRequest = z.object({
  TransactItems: z.array(z.object({ Get: get })),
  ReturnConsumedCapacity: z.enum(['INDEXES', 'TOTAL', 'NONE']).optional(),
});
export type TransactGetRequest = z.infer<typeof transactGetRequest>;

/** DynamoDB's ceiling on items per transaction (raised from 25 to 100 in 2022). */
export const maxTransactItems = 100;

/**
 * Parses a request body with `schema`, answering as DynamoDB does: broken JSON or wrong types are a
 * SerializationException, a missing member a ValidationException naming it the service's way
 * (`transactItems.1.member.update.updateExpression`), and an item count outside 1..100 a ValidationException.
 */
export function parseTransactRequest<T extends { TransactItems: readonly unknown[] }>(body: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // The parser's own message means nothing to a DynamoDB client; the service's wording does.
    throw serializationError('Start of structure or map found where not expected.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw answerFor(parsed.error);
  const count = parsed.data.TransactItems.length;
  if (count < 1 || count > maxTransactItems) {
    const bound = count < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxTransactItems}`;
    throw validationError(`1 validation error detected: Value '[${count} items]' at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return parsed.data;
}

function answerFor(error: z.ZodError): DynamoAnswerError {
  const missing = error.issues.filter((issue) => issue.code === 'invalid_type' && issue.message.endsWith('received undefined'));
  if (missing.length === 0) return serializationError(error.issues.map((issue) => `${servicePath(issue.path)}: ${issue.message}`).join('; '));
  const details = missing.slice(0, 10).map((issue) => `Value null at '${servicePath(issue.path)}' failed to satisfy constraint: Member must not be null`);
  return validationError(`${details.length} validation error${details.length > 1 ? 's' : ''} detected: ${details.join('; ')}`);
}

/** zod's `['TransactItems', 0, 'Update', 'Key']` -> DynamoDB's `transactItems.1.member.update.key`. */
function servicePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `${part + 1}.member` : String(part).charAt(0).toLowerCase() + String(part).slice(1))).join('.');
}
