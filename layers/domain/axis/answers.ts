/**
 * The JSON answers of the VDXP operations (DOMAIN.md §6) and what they become on our side. Field names
 * are the axis's own (`ErrorCode`, `DocId`, `created_time`...). The schemas are lenient where the public
 * SDKs show variation (numbers or strings for codes and ids, `to` as a JSON array or as text) and strict
 * where a wrong value would misroute a package (`docId`, `messageType`).
 */
import * as z from 'zod';

/** Codes and ids arrive as strings or numbers depending on the axis version. */
const text = z.union([z.string(), z.number()]).transform(String);
const nonEmptyText = text.pipe(z.string().trim().min(1));
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

/** Every answer: `status` OK or FAIL, with an error code and description. */
export const vdxpEnvelopeSchema = z.looseObject({
  status: z.string(),
  ErrorCode: optionalText,
  ErrorDesc: optionalText,
});
export type VdxpEnvelope = z.infer<typeof vdxpEnvelopeSchema>;

/** `OK` is the documented success; some axis versions say `SUCCESS`. Anything else is a refusal. */
export function isVdxpSuccess(envelope: VdxpEnvelope): boolean {
  const status = envelope.status.trim().toUpperCase();
  return status === 'OK' || status === 'SUCCESS';
}

/** `sendEdoc` → the axis's id of the package. */
export const sendEdocAnswerSchema = z.looseObject({ DocId: nonEmptyText });

/** `getEdoc` → the package, base64. */
export const getEdocAnswerSchema = z.looseObject({ data: z.string() });

/** `countReceiveEdoc` → how many packages wait. */
export const countAnswerSchema = z.looseObject({ count: z.coerce.number().int().nonnegative() });

/** Any list answer: rows are validated one by one, so one unreadable row does not hide the others. */
export const listAnswerSchema = z.looseObject({
  data: z
    .array(z.unknown())
    .nullish()
    .transform((rows) => rows ?? []),
});

const messageTypeSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['edoc', 'status']));

/** `to` is a JSON array in requests; lists have shown it as an array, as JSON text and as a comma list. */
const agencyCodesSchema = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((value): string[] | undefined => {
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) return value.map((v) => v.trim()).filter((v) => v !== '');
    const trimmed = value.trim();
    if (trimmed.startsWith('[')) {
      const parsed = z.array(z.string()).safeParse(safeJson(trimmed));
      if (parsed.success) return parsed.data.map((v) => v.trim()).filter((v) => v !== '');
    }
    return trimmed
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  });

/** One row of `getReceivedEdocList`. */
export const receivedRowSchema = z
  .looseObject({
    docId: nonEmptyText,
    serviceType: optionalText,
    messageType: messageTypeSchema,
    created_time: optionalText,
    updated_time: optionalText,
    from: nonEmptyText,
    to: agencyCodesSchema,
    status: optionalText,
    status_desc: optionalText,
  })
  .transform((row) => ({
    docId: row.docId,
    messageType: row.messageType,
    from: row.from,
    ...(row.to === undefined ? {} : { to: row.to }),
    ...(row.created_time === undefined ? {} : { createdTime: row.created_time }),
    ...(row.updated_time === undefined ? {} : { updatedTime: row.updated_time }),
    ...(row.status === undefined ? {} : { status: row.status }),
    ...(row.status_desc === undefined ? {} : { statusDesc: row.status_desc }),
  }));

/**
 * A package waiting for us on the axis. `createdTime`/`updatedTime` are the axis's text, kept as given
 * (its format is not documented); `status` is the axis's delivery state (e.g. `pending`, `done`).
 */
export type ReceivedItem = z.output<typeof receivedRowSchema>;

/**
 * One row of `getSentEdocList`: the simulator's fields (`docId`, `to`, `status`) or the government SDK's
 * (`senderDocId`, `receiverDocId`, `toCode`, `sendStatus`, `receiveStatus`).
 */
export const sentRowSchema = z
  .looseObject({
    docId: optionalText,
    senderDocId: optionalText,
    receiverDocId: optionalText,
    messageType: messageTypeSchema,
    from: optionalText,
    fromCode: optionalText,
    to: agencyCodesSchema,
    toCode: agencyCodesSchema,
    created_time: optionalText,
    sentTime: optionalText,
    updated_time: optionalText,
    status: optionalText,
    receiveStatus: optionalText,
    status_desc: optionalText,
    receiveStatusDesc: optionalText,
  })
  .transform((row, ctx) => {
    const docId = row.docId ?? row.senderDocId;
    if (docId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'neither docId nor senderDocId', path: ['docId'] });
      return z.NEVER;
    }
    const from = row.from ?? row.fromCode;
    const createdTime = row.created_time ?? row.sentTime;
    const status = row.status ?? row.receiveStatus;
    const statusDesc = row.status_desc ?? row.receiveStatusDesc;
    return {
      docId,
      messageType: row.messageType,
      to: row.to ?? row.toCode ?? [],
      ...(row.receiverDocId === undefined ? {} : { receiverDocId: row.receiverDocId }),
      ...(from === undefined ? {} : { from }),
      ...(createdTime === undefined ? {} : { createdTime }),
      ...(row.updated_time === undefined ? {} : { updatedTime: row.updated_time }),
      ...(status === undefined ? {} : { status }),
      ...(statusDesc === undefined ? {} : { statusDesc }),
    };
  });

/** One delivery of something we sent: to whom, under which id the receiver sees it, how far it got. */
export type SentItem = z.output<typeof sentRowSchema>;

/**
 * One row of `getAgenciesList` as the axis gives it. Only its shape is checked here; whether a row names a
 * valid agency is decided row by row by `readCatalogueRow` (#domain/agency/catalogue) on import.
 */
export const agencyRowSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  pid: z.union([z.string(), z.number()]).nullish(),
  code: z.string().nullish(),
  code102: z.string().nullish(),
  name: z.string().nullish(),
  mail: z.string().nullish(),
});
export type AxisAgencyRow = z.output<typeof agencyRowSchema>;

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Not JSON after all: the caller falls back to a comma list.
    return undefined;
  }
}
