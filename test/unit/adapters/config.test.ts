import { afterEach, describe, expect, it } from 'vitest';
import { optional, required, withFunctionEnvironment, type FunctionEnvironment } from '#adapters/config';
import { lazy, shared } from '#adapters/lazy';

/**
 * Several functions in one process (the local runtime): each reads its own environment, the names only a
 * grant sets never come from process.env, and what is built from one function's environment is never
 * handed to another.
 */
const names = ['QUEUE_URL_AXIS_OUTBOX', 'VANTHU_CONFIG_TEST_SETTING'];
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const grantNames = new Set(['QUEUE_URL_AXIS_OUTBOX', 'TABLE_NAME']);
const relay: FunctionEnvironment = { functionName: 'outbox-relay', variables: { QUEUE_URL_AXIS_OUTBOX: 'http://sqs/axis-outbox.fifo', TABLE_NAME: 'documents' }, grantNames };
const watcher: FunctionEnvironment = { functionName: 'deadline-watcher', variables: { TABLE_NAME: 'documents' }, grantNames };

describe('required and optional', () => {
  it('read process.env outside any function environment (AWS)', () => {
    // Prepare
    process.env.QUEUE_URL_AXIS_OUTBOX = 'https://sqs.ap-southeast-1.amazonaws.com/1/axis-outbox.fifo';
    // Act
    const value = required('QUEUE_URL_AXIS_OUTBOX');
    // Assess
    expect(value).toBe('https://sqs.ap-southeast-1.amazonaws.com/1/axis-outbox.fifo');
  });

  it("read a function's own variables inside its environment", () => {
    // Act
    const value = withFunctionEnvironment(relay, () => required('QUEUE_URL_AXIS_OUTBOX'));
    // Assess
    expect(value).toBe('http://sqs/axis-outbox.fifo');
  });

  it('never take a grant name from process.env inside a function environment, and say what is missing', () => {
    // Prepare: a stray value in the process
    process.env.QUEUE_URL_AXIS_OUTBOX = 'http://sqs/stray';
    // Act
    const read = () => withFunctionEnvironment(watcher, () => required('QUEUE_URL_AXIS_OUTBOX'));
    // Assess
    expect(read).toThrowError('Missing required environment variable QUEUE_URL_AXIS_OUTBOX in function deadline-watcher: its definition does not grant it');
    expect(withFunctionEnvironment(watcher, () => optional('QUEUE_URL_AXIS_OUTBOX'))).toBeUndefined();
  });

  it('take other settings from process.env inside a function environment too', () => {
    // Prepare
    process.env.VANTHU_CONFIG_TEST_SETTING = '2,5';
    // Act
    const value = withFunctionEnvironment(watcher, () => optional('VANTHU_CONFIG_TEST_SETTING'));
    // Assess
    expect(value).toBe('2,5');
  });

  it('keep the environment across awaits, each concurrent invocation its own', async () => {
    // Act
    const read = (environment: FunctionEnvironment) =>
      withFunctionEnvironment(environment, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return optional('QUEUE_URL_AXIS_OUTBOX');
      });
    const [ofRelay, ofWatcher] = await Promise.all([read(relay), read(watcher)]);
    // Assess
    expect(ofRelay).toBe('http://sqs/axis-outbox.fifo');
    expect(ofWatcher).toBeUndefined();
  });
});

describe('lazy and shared singletons', () => {
  it('lazy: one value per function environment, built in that environment', () => {
    // Prepare
    const queueUrl = lazy(() => ({ url: optional('QUEUE_URL_AXIS_OUTBOX') }));
    // Act
    const first = withFunctionEnvironment(relay, queueUrl);
    const again = withFunctionEnvironment(relay, queueUrl);
    const other = withFunctionEnvironment(watcher, queueUrl);
    // Assess
    expect(again).toBe(first);
    expect(first.url).toBe('http://sqs/axis-outbox.fifo');
    expect(other.url).toBeUndefined();
  });

  it('shared: one value for the whole process', () => {
    // Prepare
    const client = shared(() => ({}));
    // Act
    const inRelay = withFunctionEnvironment(relay, client);
    const inWatcher = withFunctionEnvironment(watcher, client);
    // Assess
    expect(inWatcher).toBe(inRelay);
    expect(client()).toBe(inRelay);
  });
});
