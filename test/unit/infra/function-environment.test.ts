import { describe, expect, it } from 'vitest';
import { env, type DataAccess, type FunctionDefinition } from '#infra/definitions';
import { functionEnvironment, grantNames, type LocalResources } from '#infra/local/function-environment';

const resources: LocalResources = {
  tableName: 'vanthu-documents',
  bucketName: 'vanthu-files',
  queueUrls: {
    axisOutbox: 'http://sqs/axis-outbox.fifo',
    axisInbox: 'http://sqs/axis-inbox',
    fileUploaded: 'http://sqs/file-uploaded',
    webhookOutbox: 'http://sqs/webhook-outbox',
    notifications: 'http://sqs/notifications.fifo',
  },
  pageTokenKey: 'p'.repeat(43),
  secretKey: 's'.repeat(43),
  axis: { endpoint: 'http://127.0.0.1:9999', systemId: 'vanthu-hanoi', secretId: 'vanthu/local/axis-secret' },
  configPath: '/vanthu/local',
  mail: { from: 'nhacviec@vanthu.local', outboxDir: '/tmp/outbox' },
  pdfFontDir: '/repo/node_modules/dejavu-fonts-ttf/ttf',
  settings: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SQS: 'http://sqs', VANTHU_SIGNATURE_POLICY: 'none' },
};

const definition = (access: DataAccess, extra: Partial<FunctionDefinition> = {}) => ({ name: 'fixture', access, ...extra });
/** What a grant adds: the environment minus what every function gets. */
const granted = (access: DataAccess, extra: Partial<FunctionDefinition> = {}) => {
  const {
    AWS_REGION: _region,
    AWS_ENDPOINT_URL_SQS: _sqs,
    VANTHU_SIGNATURE_POLICY: _policy,
    AWS_LAMBDA_FUNCTION_NAME: _name,
    ...rest
  } = functionEnvironment(definition(access, extra), resources);
  return rest;
};

describe('functionEnvironment (infra/local/function-environment.ts)', () => {
  it('gives a function without access only the settings and its name', () => {
    // Act
    const environment = functionEnvironment(definition({}), resources);
    // Assess
    expect(environment).toEqual({ ...resources.settings, AWS_LAMBDA_FUNCTION_NAME: 'fixture' });
  });

  it.each<[string, DataAccess, Partial<FunctionDefinition>, Record<string, string>]>([
    ['table: read', { table: 'read' }, {}, { [env.tableName]: 'vanthu-documents', [env.pageTokenKey]: resources.pageTokenKey }],
    ['table: readwrite', { table: 'readwrite' }, {}, { [env.tableName]: 'vanthu-documents', [env.pageTokenKey]: resources.pageTokenKey }],
    ['bucket', { bucket: 'read' }, {}, { [env.bucketName]: 'vanthu-files' }],
    ['destroysSecretContent (a right, no variable)', { destroysSecretContent: true }, {}, {}],
    ['sendsTo one queue', { sendsTo: ['axisOutbox'] }, {}, { QUEUE_URL_AXIS_OUTBOX: 'http://sqs/axis-outbox.fifo' }],
    [
      'sendsTo two queues',
      { sendsTo: ['webhookOutbox', 'fileUploaded'] },
      {},
      { QUEUE_URL_WEBHOOK_OUTBOX: 'http://sqs/webhook-outbox', QUEUE_URL_FILE_UPLOADED: 'http://sqs/file-uploaded' },
    ],
    ['secrets: encrypt', { secrets: 'encrypt' }, {}, { VANTHU_LOCAL_SECRET_KEY: resources.secretKey }],
    ['secrets: decrypt', { secrets: 'decrypt' }, {}, { VANTHU_LOCAL_SECRET_KEY: resources.secretKey }],
    ['axis', { axis: true }, {}, { AXIS_ENDPOINT: 'http://127.0.0.1:9999', AXIS_SYSTEM_ID: 'vanthu-hanoi', AXIS_SECRET_ID: 'vanthu/local/axis-secret' }],
    ['signing', { signing: 'seal' }, {}, { VANTHU_CONFIG_PATH: '/vanthu/local' }],
    ['sendsEmail', { sendsEmail: true }, {}, { VANTHU_MAIL_FROM: 'nhacviec@vanthu.local', VANTHU_OUTBOX_DIR: '/tmp/outbox' }],
    ['printsPdf', {}, { printsPdf: true }, { VANTHU_PDF_FONT_DIR: resources.pdfFontDir }],
  ])('%s: exactly its own variables', (_field, access, extra, expected) => {
    // Act
    const variables = granted(access, extra);
    // Assess
    expect(variables).toEqual(expected);
  });

  it('never hands out a queue the definition does not name', () => {
    // Act
    const variables = granted({ table: 'readwrite', sendsTo: ['webhookOutbox'] });
    // Assess
    expect(Object.keys(variables).filter((name) => name.startsWith('QUEUE_URL_'))).toEqual([env.queueUrl('webhookOutbox')]);
  });

  it('lists every variable a grant may set, locally or in AWS, as a grant name', () => {
    // Assess
    expect([...grantNames()].sort()).toEqual(
      [
        'AWS_LAMBDA_FUNCTION_NAME',
        'AXIS_ENDPOINT',
        'AXIS_SECRET_ID',
        'AXIS_SYSTEM_ID',
        'BUCKET_NAME',
        'QUEUE_URL_AXIS_INBOX',
        'QUEUE_URL_AXIS_OUTBOX',
        'QUEUE_URL_FILE_UPLOADED',
        'QUEUE_URL_NOTIFICATIONS',
        'QUEUE_URL_WEBHOOK_OUTBOX',
        'TABLE_NAME',
        'VANTHU_CONFIG_PATH',
        'VANTHU_LOCAL_SECRET_KEY',
        'VANTHU_MAIL_FROM',
        'VANTHU_OUTBOX_DIR',
        'VANTHU_PAGE_TOKEN_KEY',
        'VANTHU_PDF_FONT_DIR',
        'WEBHOOK_KMS_KEY_ID',
      ].sort(),
    );
  });
});
