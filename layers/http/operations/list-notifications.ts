import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { notificationSchema } from '../contracts/reminders.ts';

export const listNotificationsContract = defineContract({
  operationId: 'listNotifications',
  method: 'GET',
  path: '/notifications',
  tag: 'reminders',
  summary: 'Your deadline reminders, newest first: those addressed to you and those addressed to your agency',
  auth: 'jwt',
  ports: ['clock', 'reminders'],
  body: undefined,
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(notificationSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401],
});
