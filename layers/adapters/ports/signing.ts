import type { Dependencies } from '#app/context';
import { systemClock } from '#domain/ports';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { signingPorts } from '../signing/signing-ports.ts';
import { stageParameters } from './stage-parameters.ts';
import { tableName } from './table.ts';

/** The `signing` port: parameters from SSM, seals with KMS, sessions in the table, the engines on first use. */
export const signing = (): Dependencies['signing'] =>
  signingPorts({
    parameters: stageParameters,
    aws: () => import('#engines/aws-config'),
    table: () => ({ client: dynamoDocumentClient(), tableName: tableName() }),
    clock: systemClock,
  });
