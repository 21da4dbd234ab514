import type { QueueName } from '#domain/outbox';

/**
 * Names of the environment variables that carry a function's grants (one place, so the adapters that read
 * them, the CDK bindings that set them and the local runtime agree). A function has a variable only when
 * its definition grants the resource behind it.
 */
export const env = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  /** The KMS key that encrypts webhook secrets (set for functions with `access.secrets`). */
  webhookSecretsKey: 'WEBHOOK_KMS_KEY_ID',
  /** The HMAC key of page tokens (layers/adapters/dynamo/page-token.ts), set for functions with `access.table`. */
  pageTokenKey: 'VANTHU_PAGE_TOKEN_KEY',
  /** The SSM path of the stage's parameters (signing: policy, trust anchors, agency seals, TSA, remote signer), set for functions with `access.signing`. */
  configPath: 'VANTHU_CONFIG_PATH',
  /** The Secrets Manager name or ARN of the axis secret (never the secret itself), set for functions with `access.axis`. */
  axisSecretId: 'AXIS_SECRET_ID',
  /** Years an issued original is kept under S3 Object Lock (governance), set for functions with `access.retainsOriginals` when the stage configures it. */
  issuedRetentionYears: 'VANTHU_ISSUED_RETENTION_YEARS',
  queueUrl: (queue: QueueName): string => `QUEUE_URL_${queue.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
} as const;
