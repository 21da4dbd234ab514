import { numberingChangeSchema } from '#domain/documents/numbering';
import { defineContract } from '../contract.ts';
import { numberingViewSchema, organParams } from '../contracts/registers.ts';

export const configureNumberingContract = defineContract({
  operationId: 'configureNumbering',
  method: 'PUT',
  path: '/agencies/{organId}/numbering',
  tag: 'registers',
  summary: "Set the agency's ký hiệu (kept when left out) and which register (sổ) numbers which document types",
  description:
    'A printed number and notation is never issued twice in a year. A register that has given no number yet this year continues after the highest number already printed with the notations it takes over (startedAfter); a change that would make a register that already numbered documents repeat a number is refused with 409 numbering-would-repeat, naming the register and type. Secret documents, copies and legal normative documents are numbered in series the system keeps.',
  auth: 'jwt',
  permission: 'numbering.write',
  ports: ['clock', 'numbering'],
  body: numberingChangeSchema,
  query: undefined,
  params: organParams,
  response: numberingViewSchema,
  status: 200,
  errors: [400, 401, 403, 409, 413],
});
