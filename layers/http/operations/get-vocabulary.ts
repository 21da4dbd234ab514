import * as z from 'zod';
import { defineContract } from '../contract.ts';

/** One enum's words (layers/domain/vocabulary): what it names, its values in list order, and the label of each. */
export const vocabularyEntrySchema = z
  .object({
    description: z.string().describe('what the values name, in Vietnamese'),
    values: z.array(z.string()).describe('every value, in the order a list shows them'),
    labels: z.record(z.string(), z.string()).describe('the Vietnamese label of every value'),
  })
  .meta({ id: 'VocabularyEntry' });

export const getVocabularyContract = defineContract({
  operationId: 'getVocabulary',
  method: 'GET',
  path: '/vocabulary',
  tag: 'system',
  summary: 'The Vietnamese label of every value of every enum the API exposes (statuses, độ khẩn, độ mật, roles…), by enum name',
  description:
    'The words a clerk reads for the values the API sends and takes: `{ incomingStatus: { description: "Trạng thái văn bản đến", values: ["arrived", …], labels: { arrived: "Đến", … } }, urgency: …, role: … }`. The same labels stand beside each enum of this document (`x-vocabulary`, `x-enumDescriptions`). It changes only with a release: the answer carries an ETag and may be cached for an hour.',
  auth: 'jwt',
  ports: [],
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.record(z.string(), vocabularyEntrySchema),
  status: 200,
  errors: [],
});
