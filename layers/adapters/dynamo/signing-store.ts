import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentFile } from '#domain/files/file';
import type { SigningSession, SigningSessionStore } from '#domain/signing/session';
import { isConditionalCheckFailed } from './errors.ts';
import { fileKeys } from './file-store.ts';
import { keys, SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
import type { TransactItem } from './transaction.ts';

/** Sessions of deferred signatures live in their document's partition (docs/DATA.md): `DOC#<id>` / `SIGNING#<signingId>`. */
export const signingKey = (documentId: string, signingId: string): Key => ({ pk: keys.document(documentId).pk, sk: `SIGNING#${signingId}` });

/** Sessions leave the table a day after their signing window (the table's TTL attribute `expiresAt`, epoch seconds). */
const KEEP_AFTER_EXPIRY_SECONDS = 86_400;

/**
 * SigningSessionStore on the single table; the completing write is `consumeSession` inside the document's
 * transaction, so a signature is embedded in at most one stored file.
 */
export class DynamoSigningStore implements SigningSessionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(session: SigningSession): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...signingKey(session.documentId, session.signingId),
          entity: 'SigningSession',
          schemaVersion: SCHEMA_VERSION,
          ...session,
          // The table's TTL attribute is a number: the session's own expiry is kept as `signingExpiresAt`.
          expiresAt: Math.floor(Date.parse(session.expiresAt) / 1000) + KEEP_AFTER_EXPIRY_SECONDS,
          signingExpiresAt: session.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(documentId: string, signingId: string): Promise<SigningSession | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: signingKey(documentId, signingId), ConsistentRead: true }));
    if (result.Item === undefined) return undefined;
    const { signingExpiresAt, ...session } = stripStorage<Omit<SigningSession, 'expiresAt'> & { signingExpiresAt: string }>(result.Item);
    return { ...session, expiresAt: signingExpiresAt };
  }

  async markPending(session: SigningSession, transactionId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: signingKey(session.documentId, session.signingId),
          UpdateExpression: 'SET #status = :pending, transactionId = :tx, version = :next',
          ConditionExpression: 'version = :version AND #status = :prepared',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':tx': transactionId, ':next': session.version + 1, ':version': session.version, ':prepared': 'prepared' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

/** The transaction item that completes a session once: refused when it is already completed. */
export function consumeSession(tableName: string, session: SigningSession): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: signingKey(session.documentId, session.signingId),
      UpdateExpression: 'SET #status = :completed',
      ConditionExpression: 'attribute_exists(pk) AND #status <> :completed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed' },
    },
  };
}

/** The transaction item that writes a file the system made (a signed, stamped or sealed PDF), once. */
export function newFileItem(tableName: string, file: DocumentFile): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...fileKeys.file(file.documentId, file.fileId), entity: 'File', schemaVersion: SCHEMA_VERSION, ...file },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
