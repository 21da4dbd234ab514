/**
 * How the simulator's SAMPLE peer answers (./peer.ts): which status codes, after which delays, whether it
 * rejects documents or refuses revocations, and whether it acts at all. Changed at start, by
 * `SamplePeer.configure` or `POST /_sim/peer`; every change is a partial merge.
 */
import * as z from 'zod';
import type { StatusCode } from '#edxml/index';

/** The status codes the peer answers with (DOMAIN.md §5): the course of a document, and 15/16 to a request. */
export const answerCodes = ['01', '02', '03', '04', '05', '06', '15', '16'] as const satisfies readonly StatusCode[];
export type AnswerCode = (typeof answerCodes)[number];

/** What each answer says (Description of the status package). 02 and 16 carry the configured reason instead. */
const descriptions: Record<Exclude<AnswerCode, '02' | '16'>, string> = {
  '01': 'Đã đến',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công xử lý',
  '05': 'Đang xử lý',
  '06': 'Đã hoàn thành',
  '15': 'Đồng ý',
};

/** The request a BussinessDocType 1/2/3 package makes, in the words of a 15 answer. */
const requestNames: Record<number, string> = { 1: 'thu hồi', 2: 'cập nhật', 3: 'thay thế' };

const millis = z.number().int().min(0).max(600_000);
const reason = z.string().trim().min(1).max(1000);

/** Partial settings as accepted at start, by `configure` and by `POST /_sim/peer`. */
export const peerSettingsInputSchema = z
  .object({
    /** How often the peer lists what the axis holds for it. */
    intervalMs: millis.min(10),
    /**
     * Per answer code, the wait before it is sent, counted from the previous answer to the same package (from
     * its receipt for the first). A code without a delay is not sent; `null` removes a code.
     */
    delaysMs: z.partialRecord(z.enum(answerCodes), millis.nullable()),
    /** Answer 01 then 02 (rejected, with `rejectReason`) instead of 03…06. */
    reject: z.boolean(),
    rejectReason: reason,
    /** Answer a revocation, update or replacement with 16 (refused, with `refuseReason`) instead of 15. */
    refuseRequests: z.boolean(),
    refuseReason: reason,
    /** Collect nothing (answers already scheduled still go out); documents can still be sent in. */
    paused: z.boolean(),
  })
  .partial()
  .strict();

export type SamplePeerSettingsInput = z.input<typeof peerSettingsInputSchema>;

export interface SamplePeerSettings {
  readonly intervalMs: number;
  readonly delaysMs: Readonly<Partial<Record<AnswerCode, number>>>;
  readonly reject: boolean;
  readonly rejectReason: string;
  readonly refuseRequests: boolean;
  readonly refuseReason: string;
  readonly paused: boolean;
}

/** A document seen through in about ten seconds: slow enough to watch, quick enough to wait for. */
export const defaultPeerSettings: SamplePeerSettings = {
  intervalMs: 2_000,
  delaysMs: { '01': 0, '02': 2_000, '03': 2_000, '04': 2_000, '05': 2_000, '06': 2_000, '15': 2_000, '16': 2_000 },
  reject: false,
  rejectReason: 'Trả lại văn bản: không thuộc thẩm quyền giải quyết của cơ quan (trả lời MẪU của hệ thống giả lập)',
  refuseRequests: false,
  refuseReason: 'Không đồng ý: văn bản đã được xử lý (trả lời MẪU của hệ thống giả lập)',
  paused: false,
};

/** Applies a partial change; throws a ZodError on bad input. */
export function mergePeerSettings(base: SamplePeerSettings, change: SamplePeerSettingsInput): SamplePeerSettings {
  const { delaysMs, ...rest } = peerSettingsInputSchema.parse(change);
  const delays: Partial<Record<AnswerCode, number>> = { ...base.delaysMs };
  for (const [code, delay] of Object.entries(delaysMs ?? {}) as [AnswerCode, number | null | undefined][]) {
    if (delay === null) delete delays[code];
    else if (delay !== undefined) delays[code] = delay;
  }
  return { ...base, ...rest, delaysMs: delays };
}

/**
 * The answers to one received document package, in order: 15 or 16 to a request (BussinessDocType 1/2/3);
 * otherwise 01, then 02 when rejecting or 03…06. Codes without a delay are left out.
 *
 * @example
 * planAnswers(0, defaultPeerSettings) // ['01', '03', '04', '05', '06']
 */
export function planAnswers(bussinessDocType: number, settings: SamplePeerSettings): AnswerCode[] {
  const codes: AnswerCode[] = bussinessDocType !== 0 ? [settings.refuseRequests ? '16' : '15'] : settings.reject ? ['01', '02'] : ['01', '03', '04', '05', '06'];
  return codes.filter((code) => settings.delaysMs[code] !== undefined);
}

/** The Description of an answer, in Vietnamese. */
export function describeAnswer(code: AnswerCode, bussinessDocType: number, settings: SamplePeerSettings): string {
  if (code === '02') return settings.rejectReason;
  if (code === '16') return settings.refuseReason;
  if (code === '15') return `${descriptions['15']} ${requestNames[bussinessDocType] ?? 'yêu cầu'} văn bản`;
  return descriptions[code];
}
