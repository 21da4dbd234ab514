import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * A customer-managed KMS key with yearly rotation, kept when the stack goes (data encrypted under it
 * outlives the stack). One key per kind of data, so a function's grant names only the keys of the
 * resources it touches.
 *
 * @example
 * const key = encryptionKey(this, 'Key', 'vanthu document table');
 */
export function encryptionKey(scope: Construct, id: string, description: string): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
