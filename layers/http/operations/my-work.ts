import * as z from 'zod';
import { workBuckets } from '#domain/work/work';
import { defineContract } from '../contract.ts';

export const myWorkContract = defineContract({
  operationId: 'myWork',
  method: 'GET',
  path: '/work',
  tag: 'people',
  summary:
    "What waits for your action, with counts, in one request: by role (a clerk's arrived documents to register, approved ones to issue, sender requests; a leader's documents to assign and drafts to approve) and your own and your units' assignments, the overdue ones, and your drafts sent back",
  auth: 'jwt',
  ports: ['directory', 'work'],
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.object({
    organId: z.string(),
    tiles: z.array(
      z.object({
        bucket: z.enum(workBuckets).describe('GET /vocabulary names each bucket in Vietnamese'),
        owner: z.enum(['agency', 'me', 'unit']).describe("whose work: the agency's (for your role), yours, or one of your units'"),
        unitId: z.string().optional(),
        unitName: z.string().optional(),
        count: z.number().int().min(0),
        list: z.string().optional().describe('the list behind the tile: a GET /documents query'),
      }),
    ),
    total: z.number().int().min(0).describe('everything waiting for you (overdue counted within assigned)'),
  }),
  status: 200,
  errors: [401],
});
