/**
 * The SAMPLE peer's answers (./peer.ts) to the documents it collects: for each addressed peer agency a
 * chain of status packages, sent one after the other after their delays. Each document is answered once
 * per request type and agency, however often the axis lists it; a retryable failure to send is tried
 * again a few times, then the chain is given up and logged.
 */
import { createHash } from 'node:crypto';
import type { VdxpClient } from '#adapters/axis/vdxp-client';
import { AxisError } from '#domain/axis/errors';
import type { AxisMessageType } from '#domain/axis/port';
import { vietnamTimestamp } from '#domain/time';
import { buildStatus, type ParsedEdoc, type StatusInput } from '#edxml/index';
import type { BackgroundWork } from './background-work.ts';
import { sampleAgency } from './peer-documents.ts';
import { messageOf, type PeerSending, type ReceiptDetails } from './peer-log.ts';
import { describeAnswer, planAnswers, type AnswerCode, type SamplePeerSettings } from './peer-settings.ts';

export interface AnswerContext {
  readonly client: VdxpClient;
  readonly work: BackgroundWork;
  readonly settings: () => SamplePeerSettings;
  readonly now: () => Date;
  readonly onSent: (entry: PeerSending) => void;
  readonly onProblem: (message: string) => void;
}

/** The answers still to send to one document from one peer agency, in order. */
interface AnswerJob {
  readonly agency: string;
  readonly responseFor: StatusInput['responseFor'] & { readonly organId: string };
  readonly bussinessDocType: number;
  readonly codes: readonly AnswerCode[];
  step: number;
  attempts: number;
}

/** Business keys of answered documents remembered. */
const REMEMBERED = 10_000;
/** A retryable failure to send an answer is tried again this often, this many times in all. */
const ATTEMPTS = 5;
const RETRY_MS = 1_000;

export class PeerAnswers {
  private readonly answered = new Set<string>();
  private readonly jobs = new Set<AnswerJob>();
  private stopped = false;

  constructor(private readonly ctx: AnswerContext) {}

  /** Documents whose answers are not all sent yet. */
  get pending(): number {
    return this.jobs.size;
  }

  /** Schedules the answers to `edoc` from each of `agencies` (the addressed peer agencies); says what it did. */
  answer(edoc: ParsedEdoc, agencies: readonly string[]): ReceiptDetails {
    const bussinessDocType = edoc.traceHeaderList.bussiness?.bussinessDocType ?? 0;
    const codes = planAnswers(bussinessDocType, this.ctx.settings());
    const { codeNumber, codeNotation } = edoc.code ?? {};
    const promulgationDate = edoc.promulgationInfo?.promulgationDate;
    const responseFor = {
      organId: edoc.from.organId,
      ...(codeNumber === undefined || codeNotation === undefined ? {} : { code: `${codeNumber}/${codeNotation}` }),
      ...(promulgationDate === undefined ? {} : { promulgationDate }),
      documentId: edoc.documentId,
    };
    let duplicate = false;
    for (const agency of agencies) {
      const key = `${edoc.documentId}#${bussinessDocType}#${agency}`;
      if (this.answered.has(key)) {
        duplicate = true;
        continue;
      }
      this.remember(key);
      const job: AnswerJob = { agency, responseFor, bussinessDocType, codes, step: 0, attempts: 0 };
      this.jobs.add(job);
      this.schedule(job);
    }
    return {
      documentId: edoc.documentId,
      bussinessDocType,
      ...(edoc.subject === undefined ? {} : { subject: edoc.subject }),
      to: agencies,
      answers: duplicate ? [] : codes,
      ...(duplicate ? { duplicate } : {}),
    };
  }

  /** Drops every answer not sent yet (their timers are the BackgroundWork's to cancel). */
  stop(): void {
    this.stopped = true;
    this.jobs.clear();
  }

  /** The job's next answer after its delay, read now: a change of delays applies from the next answer on. */
  private schedule(job: AnswerJob): void {
    const code = job.codes[job.step];
    if (code === undefined || this.stopped) {
      this.jobs.delete(job);
      return;
    }
    const delay = job.attempts > 0 ? RETRY_MS : this.ctx.settings().delaysMs[code];
    if (delay === undefined) {
      job.step += 1;
      this.schedule(job);
      return;
    }
    this.ctx.work.later(delay, () => this.send(job, code));
  }

  private async send(job: AnswerJob, code: AnswerCode): Promise<void> {
    try {
      await this.sendStatus(job, code);
      job.step += 1;
      job.attempts = 0;
    } catch (error) {
      job.attempts += 1;
      if (!(error instanceof AxisError && error.retryable && job.attempts < ATTEMPTS)) {
        this.ctx.onProblem(`answer ${code} from ${job.agency} to ${job.responseFor.documentId} not sent, the rest dropped: ${messageOf(error)}`);
        this.jobs.delete(job);
        return;
      }
    }
    this.schedule(job);
  }

  private async sendStatus(job: AnswerJob, code: AnswerCode): Promise<void> {
    const description = describeAnswer(code, job.bussinessDocType, this.ctx.settings());
    const status: StatusInput = {
      responseFor: job.responseFor,
      from: { organId: job.agency, organName: sampleAgency(job.agency).name },
      statusCode: code,
      description,
      timestamp: vietnamTimestamp(this.ctx.now()),
    };
    const to = [job.responseFor.organId];
    const docId = await sendPackage(this.ctx.client, { body: Buffer.from(buildStatus(status, { strict: false }), 'utf8'), messageType: 'status', from: job.agency, to });
    this.ctx.onSent({
      at: vietnamTimestamp(this.ctx.now()),
      axisDocId: docId,
      messageType: 'status',
      from: job.agency,
      to,
      documentId: job.responseFor.documentId,
      statusCode: code,
      description,
    });
  }

  private remember(key: string): void {
    this.answered.add(key);
    if (this.answered.size <= REMEMBERED) return;
    const oldest = this.answered.values().next();
    if (oldest.done !== true) this.answered.delete(oldest.value);
  }
}

/** `sendEdoc` with the body's SHA-256, as the axis requires; resolves the axis's id of the package. */
export async function sendPackage(client: VdxpClient, request: { body: Buffer; messageType: AxisMessageType; from: string; to: readonly string[] }): Promise<string> {
  const sha256Hex = createHash('sha256').update(request.body).digest('hex');
  const { docId } = await client.sendEdoc({ body: request.body, sha256Hex, messageType: request.messageType, from: request.from, to: [...request.to] });
  return docId;
}
