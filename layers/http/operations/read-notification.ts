import * as z from 'zod';
import { defineContract } from '../contract.ts';

export const readNotificationContract = defineContract({
  operationId: 'readNotification',
  method: 'POST',
  path: '/notifications/{id}/read',
  tag: 'notifications',
  summary: 'Mark an entry of your inbox read (404 when it is not in your inbox); marking it again changes nothing',
  auth: 'jwt',
  ports: ['directory', 'notices'],
  body: undefined,
  query: undefined,
  // A notice id (a ULID) or a reminder key, within what a DynamoDB key holds (1,024 bytes for a sort key).
  params: z.object({
    id: z
      .string()
      .min(1)
      .max(700)
      .refine((id) => Buffer.byteLength(id, 'utf8') <= 900, 'at most 900 bytes'),
  }),
  response: z.object({ id: z.string(), read: z.literal(true) }),
  status: 200,
  errors: [401, 404],
});
