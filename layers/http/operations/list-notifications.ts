import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { notificationSchema } from '../contracts/notifications.ts';

export const listNotificationsContract = defineContract({
  operationId: 'listNotifications',
  method: 'GET',
  path: '/notifications',
  tag: 'notifications',
  summary:
    'Your inbox, newest first: notices that work arrived for you, your units or your role (assigned, urgent arrival, draft to approve or sent back, document to issue, sender requests, returned documents) and deadline reminders; unread=true for the unread only',
  auth: 'jwt',
  ports: ['directory', 'notices'],
  body: undefined,
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    unread: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(notificationSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401],
});
