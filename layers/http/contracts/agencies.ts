import * as z from 'zod';
import { unitInputSchema, unitKinds, unitUpdateSchema } from '#domain/agency/unit';
import type { AgencyLevel } from '#domain/agency/code';
import { defineContract } from '../contract.ts';

export const agencySchema = z.object({
  code102: z.string().describe('QCVN 102:2016 form, e.g. 000.00.18.G12'),
  qd20: z.string().describe('QĐ 20/2020/QĐ-TTg form, e.g. G12.18'),
  level: z.number().int().min(1).max(4),
  parentCode102: z.string().nullable(),
  name: z.string(),
  kind: z.enum(unitKinds),
  contact: z.object({ email: z.string().optional(), telephone: z.string().optional(), fax: z.string().optional(), address: z.string().optional(), website: z.string().optional() }),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
  successorCode102: z.string().optional(),
  sample: z.boolean(),
  catalogueId: z.string().optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});

const organParams = z.object({ organId: z.string().min(1).max(40) });

export const listAgenciesContract = defineContract({
  operationId: 'listAgencies',
  method: 'GET',
  path: '/agencies',
  tag: 'agencies',
  summary: 'The agency directory by parent or level, sorted by name; q matches with or without diacritics',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: z.object({
    parent: z.string().max(40).optional().describe('either code form'),
    level: z.coerce.number().int().min(1).max(4).transform((n) => n as AgencyLevel).optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(agencySchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});

export const getAgencyContract = defineContract({
  operationId: 'getAgency',
  method: 'GET',
  path: '/agencies/{organId}',
  tag: 'agencies',
  summary: 'One agency by either code form (000.00.18.G12 or G12.18)',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: agencySchema,
  status: 200,
  errors: [400, 401, 403, 404],
});

export const agencyHistoryContract = defineContract({
  operationId: 'agencyHistory',
  method: 'GET',
  path: '/agencies/{organId}/history',
  tag: 'agencies',
  summary: 'Every version of an agency: who changed what, when, from which source',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({
    items: z.array(
      z.object({
        version: z.number().int(),
        at: z.string(),
        by: z.object({ sub: z.string(), name: z.string() }),
        source: z.enum(['api', 'import', 'sample']),
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  status: 200,
  errors: [400, 401, 403, 404],
});

export const createAgencyContract = defineContract({
  operationId: 'createAgency',
  method: 'POST',
  path: '/agencies',
  tag: 'agencies',
  summary: 'Add an agency (admin of a parent agency, or the city administrator)',
  auth: 'jwt',
  permission: 'agency.write',
  ports: ['agencies', 'clock'],
  body: unitInputSchema,
  query: undefined,
  params: undefined,
  response: agencySchema,
  status: 201,
  errors: [400, 401, 403, 409, 422],
});

export const updateAgencyContract = defineContract({
  operationId: 'updateAgency',
  method: 'PUT',
  path: '/agencies/{organId}',
  tag: 'agencies',
  summary: 'Change an agency: a new version; send expectedVersion (409 if it changed since). Set effectiveTo and successorCode102 to record a merger.',
  auth: 'jwt',
  permission: 'agency.write',
  ports: ['agencies', 'clock'],
  body: unitUpdateSchema,
  query: undefined,
  params: organParams,
  response: agencySchema,
  status: 200,
  errors: [400, 401, 403, 404, 409],
});

export const importAgenciesContract = defineContract({
  operationId: 'importAgencies',
  method: 'POST',
  path: '/agencies/import',
  tag: 'agencies',
  summary: 'Import the national axis agency catalogue: a JSON array of {id, pid, code, code102, name, mail, …}; idempotent',
  description: 'Rows are compared with the directory: created, updated, unchanged or rejected (with the row number and reason). A body that is not a JSON array is refused whole (400) and changes nothing.',
  auth: 'jwt',
  permission: 'agency.import',
  ports: ['agencies', 'clock'],
  runtime: { timeoutSeconds: 29, memoryMb: 1024 },
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(z.object({ row: z.number().int(), id: z.string().optional(), reason: z.string() })),
  }),
  status: 200,
  errors: [400, 401, 403, 413],
});
