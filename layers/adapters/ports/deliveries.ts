import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoDeliveryStore } from '../dynamo/delivery-store.ts';
import { tableName } from './table.ts';

/** The `deliveries` port: the table (layers/adapters/dynamo/delivery-store.ts). */
export const deliveries = (): Dependencies['deliveries'] => new DynamoDeliveryStore(dynamoDocumentClient(), tableName());
