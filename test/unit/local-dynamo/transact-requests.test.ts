import { describe, expect, it } from 'vitest';
import { DynamoAnswerError, transactionCanceledError } from '#infra/local/dynamo/answers';
import { parseTransactRequest, transactGetRequest, transactWriteRequest } from '#infra/local/dynamo/transact-requests';

function answerOf(action: () => unknown): { status: number; body: unknown } {
  try {
    action();
  } catch (error) {
    if (error instanceof DynamoAnswerError) return { status: error.answer.status, body: JSON.parse(error.answer.body) };
    throw error;
  }
  throw new Error('expected a DynamoAnswerError');
}

const put = (sk: number) => ({ Put: { TableName: 'table', Item: { pk: { S: 'p' }, sk: { S: String(sk) } } } });

describe('parseTransactRequest', () => {
  it('keeps the members of each operation, names and values included', () => {
    // Prepare
    const update = {
      TableName: 'table',
      Key: { pk: { S: 'p' } },
      UpdateExpression: 'SET #n = :n',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':n': { N: '1' } },
    };
    // Act
    const request = parseTransactRequest(JSON.stringify({ TransactItems: [{ Update: update }], ClientRequestToken: 'token' }), transactWriteRequest);
    // Assess
    expect(request).toEqual({ TransactItems: [{ Update: update }], ClientRequestToken: 'token' });
  });

  it('answers a body that is not JSON with a SerializationException', () => {
    // Act
    const answer = answerOf(() => parseTransactRequest('{not json', transactWriteRequest));
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ __type: 'com.amazon.coral.service#SerializationException' });
  });

  it('names a missing member the way DynamoDB does', () => {
    // Act
    const answer = answerOf(() => parseTransactRequest(JSON.stringify({ TransactItems: [put(1), { Update: { TableName: 'table', Key: {} } }] }), transactWriteRequest));
    // Assess
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value null at 'transactItems.2.member.update.updateExpression' failed to satisfy constraint: Member must not be null",
    });
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [101, 'less than or equal to 100'],
  ])('refuses %i items', (count, bound) => {
    // Act
    const items = Array.from({ length: count }, (_, i) => put(i));
    const answer = answerOf(() => parseTransactRequest(JSON.stringify({ TransactItems: items }), transactWriteRequest));
    // Assess
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: `1 validation error detected: Value '[${count} items]' at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`,
    });
  });

  it('accepts TransactGetItems with projections', () => {
    // Prepare
    const get = { TableName: 'table', Key: { pk: { S: 'p' } }, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'n' } };
    // Act
    const request = parseTransactRequest(JSON.stringify({ TransactItems: [{ Get: get }] }), transactGetRequest);
    // Assess
    expect(request.TransactItems).toEqual([{ Get: get }]);
  });
});

describe('transactionCanceledError', () => {
  it("answers in DynamoDB's own shape, with every reason in order", () => {
    // Act
    const error = transactionCanceledError([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }]);
    // Assess
    expect(error.answer.status).toBe(400);
    expect(JSON.parse(error.answer.body)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }],
    });
  });
});
