import { bucket, functions, queues, table, visibilityTimeoutSeconds, type FunctionDefinition, type QueueDefinition, type QueueName } from '#infra/definitions';

/** The table's shape as the stacks need it (a structural view of `table` in definitions.ts). */
export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly globalIndexes: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string }[];
}

/**
 * Everything the stacks build from, as one value: by default the definitions of infra/definitions.ts.
 * Passed in rather than imported by each construct so a test can synthesize the stacks for another
 * function list (a queue consumer, a schedule) and see the generic code handle it.
 */
export interface SystemDefinitions {
  readonly table: TableDefinition;
  readonly bucket: { readonly uploadUrlSeconds: number };
  readonly queues: readonly QueueDefinition[];
  readonly functions: readonly FunctionDefinition[];
  readonly visibilityTimeoutSeconds: (queue: QueueName) => number;
}

/** The system as infra/definitions.ts declares it. */
export const systemDefinitions: SystemDefinitions = { table, bucket, queues, functions, visibilityTimeoutSeconds };

/**
 * The functions that are deployed: all but the local-only ones (the development token issuer).
 *
 * @example
 * deployedFunctions(systemDefinitions.functions).map((f) => f.name); // no 'dev-token'
 */
export function deployedFunctions(all: readonly FunctionDefinition[]): readonly FunctionDefinition[] {
  return all.filter((definition) => definition.localOnly !== true);
}

/**
 * Object key prefix of files uploaded through presigned URLs; their object-created events feed the
 * `fileUploaded` queue. Not in definitions.ts yet: the file adapter must use the same prefix.
 */
export const uploadPrefix = bucket.uploadPrefix;
