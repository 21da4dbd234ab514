import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#domain/errors';
import type { Page } from '#domain/documents/store';
import type { DocumentFile, FileVerification, UploadCheck } from '#domain/files/file';
import type { FileStore } from '#domain/files/ports';
import { isConditionalCheckFailed } from './errors.ts';
import { keys, SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

/** File items live in their document's partition (docs/DATA.md): `DOC#<id>` / `FILE#<fileId>`. */
export const fileKeys = {
  file: (documentId: string, fileId: string): Key => ({ pk: keys.document(documentId).pk, sk: `FILE#${fileId}` }),
  prefix: 'FILE#',
} as const;

/** Page tokens of a base-table query: no index, the partition is the table's own `pk`. */
const BASE_TABLE = '';

/**
 * FileStore on the single table; every write is conditional (create once, settle once).
 *
 * @example
 * const files = new DynamoFileStore(dynamoDocumentClient(), required(env.tableName));
 * await files.create(pendingFile);
 */
export class DynamoFileStore implements FileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(file: DocumentFile): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...fileKeys.file(file.documentId, file.fileId), entity: 'File', schemaVersion: SCHEMA_VERSION, ...file },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new ConflictError('file-exists', `File ${file.fileId} already exists.`, { cause: error });
      throw error;
    }
  }

  async get(documentId: string, fileId: string): Promise<DocumentFile | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: fileKeys.file(documentId, fileId), ConsistentRead: true }));
    return result.Item === undefined ? undefined : stripStorage<DocumentFile>(result.Item);
  }

  async list(documentId: string, page: { readonly limit: number; readonly nextToken?: string }): Promise<Page<DocumentFile>> {
    const partition = keys.document(documentId).pk;
    const scope = { index: BASE_TABLE, partition };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': fileKeys.prefix },
        Limit: page.limit,
        ...(page.nextToken === undefined ? {} : { ExclusiveStartKey: decodePageToken(page.nextToken, scope) }),
      }),
    );
    const items = (result.Items ?? []).map((item) => stripStorage<DocumentFile>(item));
    return { items, ...(result.LastEvaluatedKey === undefined ? {} : { nextToken: encodePageToken(result.LastEvaluatedKey, scope) }) };
  }

  async settle(file: DocumentFile, check: UploadCheck): Promise<DocumentFile | undefined> {
    const fields: Record<string, unknown> = { ...check, updatedAt: check.checkedAt, version: file.version + 1 };
    const names = Object.fromEntries(Object.keys(fields).map((name) => [`#${name}`, name]));
    const values = Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value]));
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: fileKeys.file(file.documentId, file.fileId),
          UpdateExpression: `SET ${Object.keys(fields)
            .map((name) => `#${name} = :${name}`)
            .join(', ')}`,
          // Settle once: only the pending version that was read; a redelivered event finds it settled.
          ConditionExpression: '#status = :pending AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':pending': 'pending', ':expected': file.version },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes === undefined ? undefined : stripStorage<DocumentFile>(result.Attributes);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async recordVerification(file: DocumentFile, verification: FileVerification): Promise<DocumentFile | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: fileKeys.file(file.documentId, file.fileId),
          UpdateExpression: 'SET #verification = :verification, #updatedAt = :updatedAt, #version = :next',
          // Once, on the version that was read: a redelivered request finds it verified.
          ConditionExpression: 'attribute_not_exists(#verification) AND #version = :expected',
          ExpressionAttributeNames: { '#verification': 'verification', '#updatedAt': 'updatedAt', '#version': 'version' },
          ExpressionAttributeValues: { ':verification': verification, ':updatedAt': verification.verifiedAt, ':next': file.version + 1, ':expected': file.version },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes === undefined ? undefined : stripStorage<DocumentFile>(result.Attributes);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }
}
