import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '#adapters/aws/sqs-client';
import { optional, required } from '#adapters/config';
import { env, type DataAccess, type FunctionDefinition } from '#infra/definitions';
import { grantNames } from '#infra/local/function-environment';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';

/**
 * Local fidelity: each function of the local runtime sees only its own environment, so a function whose
 * definition lacks a grant fails locally as it would in AWS, naming the variable it lacks.
 */
const sender = (name: string, access: DataAccess): FunctionDefinition => ({
  name,
  entry: 'test/fixtures/functions/queue-sender.ts',
  trigger: { kind: 'http', routes: [{ method: 'POST', path: `/fixture/${name}/send/{queue}`, auth: 'none' }] },
  timeoutSeconds: 5,
  memoryMb: 128,
  access,
});
const undeclared = sender('undeclared-sender', { table: 'readwrite' });
const declared = sender('declared-sender', { table: 'readwrite', sendsTo: ['axisOutbox'] });

let runtime: LocalRuntime;
const send = async (fn: FunctionDefinition, queue: string) => {
  const response = await fetch(`${runtime.url}/fixture/${fn.name}/send/${queue}`, { method: 'POST' });
  return { status: response.status, body: await response.text() };
};

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, seed: false, functions: [undeclared, declared] });
});

afterAll(async () => {
  await runtime.close();
});

describe('the environment of a local function', () => {
  it('lets a function send to a queue its definition declares', async () => {
    // Act
    const sent = await send(declared, 'axisOutbox');
    // Assess
    expect(sent).toEqual({ status: 200, body: 'sent' });
    const received = await sqsClient().send(new ReceiveMessageCommand({ QueueUrl: runtime.names.queueUrls.axisOutbox, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => m.Body)).toEqual(['fixture']);
  });

  it('fails a function that sends to a queue it has not declared, naming the missing variable', async () => {
    // Act
    const sent = await send(undeclared, 'axisOutbox');
    // Assess
    expect(sent.status).toBe(500);
    expect(sent.body).toBe(
      `Missing required environment variable ${env.queueUrl('axisOutbox')} in function undeclared-sender: its definition does not grant it (access in infra/definitions.ts)`,
    );
  });

  it('gives even a declared sender no other queue', async () => {
    // Act
    const sent = await send(declared, 'webhookOutbox');
    // Assess
    expect(sent).toMatchObject({ status: 500, body: expect.stringContaining(env.queueUrl('webhookOutbox')) });
  });

  it('puts no granted variable in process.env, so a read outside any function fails too', () => {
    // Assess
    expect([...grantNames()].filter((name) => process.env[name] !== undefined)).toEqual([]);
    expect(() => required(env.tableName)).toThrowError(`Missing required environment variable ${env.tableName}`);
  });

  it('runs code as a named function for tests, with that function’s environment only', () => {
    // Act
    const asDeclared = runtime.inFunction('declared-sender', () => optional(env.queueUrl('axisOutbox')));
    const asUndeclared = runtime.inFunction('undeclared-sender', () => optional(env.queueUrl('axisOutbox')));
    // Assess
    expect(asDeclared).toBe(runtime.names.queueUrls.axisOutbox);
    expect(asUndeclared).toBeUndefined();
    expect(runtime.inFunction('undeclared-sender', () => required(env.tableName))).toBe(runtime.names.tableName);
  });
});
