import * as z from 'zod';
import { deliverySchema } from '#domain/deliveries/delivery';
import { defineContract } from '../contract.ts';
import { documentIdParams } from '../contracts/documents.ts';

export const listDeliveriesContract = defineContract({
  operationId: 'listDeliveries',
  method: 'GET',
  path: '/documents/{id}/deliveries',
  tag: 'documents',
  summary: 'Per-recipient delivery status of a document of your agency (01–06, 02 with reason, 13/15/16) and its history',
  auth: 'jwt',
  permission: 'delivery.read',
  ports: ['clock', 'deliveries', 'documents'],
  body: undefined,
  query: undefined,
  params: documentIdParams,
  response: z.object({ items: z.array(deliverySchema) }),
  status: 200,
  errors: [401, 403, 404],
});
