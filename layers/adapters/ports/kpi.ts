import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoKpiStore } from '../dynamo/kpi-store.ts';
import { tableName } from './table.ts';

/** The `kpi` port: the table (layers/adapters/dynamo/kpi-store.ts). */
export const kpi = (): Dependencies['kpi'] => new DynamoKpiStore(dynamoDocumentClient(), tableName());
