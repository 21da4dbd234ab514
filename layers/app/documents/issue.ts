import { historyEvent } from '#domain/documents/history';
import { isSecret } from '#domain/documents/document';
import { nextStatus } from '#domain/documents/lifecycle';
import { assertMayBecomeSecret } from '#domain/files/rules';
import { chooseSeries, codeNotation, formatCodeNumber, notationFamily } from '#domain/documents/numbering';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { ConflictError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { printedIdentity } from '#domain/text';
import { vietnamDate, vietnamYear } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';
import { outboxEntry, relayEntries } from '../outbox/relay.ts';
import { bump, staleVersion } from './change.ts';
import { who } from './incoming-workflow.ts';
import { agencyNumbering } from './numbering.ts';
import { outgoing } from './outgoing-workflow.ts';
import { allFilesOf } from '../files/read-files.ts';
import { planIssueSeal, stampAndSeal } from '../signing/issue-seal.ts';

/** A configuration changed under a concurrent issue this many times in a row is reported, not retried for ever. */
const MAX_NUMBERING_RETRIES = 3;

export interface IssueInput {
  /** Số lượng bản (edXML PromulgationAmount), when the clerk sets it at issue. */
  readonly promulgationAmount?: number;
}

/**
 * Issues an approved document (cấp số, phát hành): the next number of its series for the Vietnam year and the
 * notation by Nghị định 30 with the agency's configured ký hiệu, in one transaction with the history event,
 * the reservation of the printed number and notation (never issued twice in a year) and the sending.
 *
 * @throws {ConflictError} `number-already-issued` when the printed number belongs to another document (a
 * register configuration that repeats numbers; nothing is written), `stale-version` on a concurrent change.
 */
export async function issueOutgoing(deps: Dependencies, ctx: RequestContext, id: string, input: IssueInput = {}): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.issue');
  const current = await outgoing(deps, ctx, id);
  nextStatus(current, 'issue');
  // A secret document holds no content (edit-draft refuses it; this guards data from before that rule).
  if (isSecret(current)) assertMayBecomeSecret(current, await allFilesOf(deps, current.id));
  const plan = isSecret(current) ? undefined : await planIssueSeal(deps, current, (await deps.signing.settings()).policy);
  // Secret documents never travel electronically: they are numbered in their series and sent on paper.
  // The stamped original, once issued, is put under the bucket's retention (layers/app/files/retain-original.ts).
  const sending = [
    ...(!isSecret(current) && current.recipients.length > 0
      ? [outboxEntry(deps, 'axisOutbox', current.id, { kind: 'send-document', documentId: current.id, bussinessDocType: 0 })]
      : []),
    ...(plan === undefined ? [] : [outboxEntry(deps, 'fileUploaded', current.id, { kind: 'retain-original', documentId: current.id })]),
  ];
  for (let attempt = 1; attempt <= MAX_NUMBERING_RETRIES; attempt += 1) {
    const { config, version } = await agencyNumbering(deps, current.organId);
    const series = chooseSeries(config, current);
    const now = deps.clock.now();
    const year = vietnamYear(now);
    const notation = codeNotation(current, config.issuerAbbreviation, year);
    const result = await deps.documents.commitNumbered<OutgoingDocument>({
      counter: { organId: current.organId, kind: 'register', series: series.id, year },
      current,
      build: async (number) => {
        const numbered = {
          number,
          codeNumber: formatCodeNumber(number),
          codeNotation: notation,
          registerId: series.id,
          series: series.kind,
          registerName: series.name,
          year,
          issueDate: vietnamDate(now),
          issuedAt: now.toISOString(),
          issuedBy: who(ctx),
        };
        // The number and date go on the signed original (and the agency seals it) before the number is committed.
        const original = plan === undefined ? undefined : await stampAndSeal(deps, ctx, { ...current, issue: numbered }, plan, config.placeName);
        const issue = {
          ...numbered,
          ...(original === undefined ? {} : { file: { fileId: original.file.fileId, sha256: original.file.sha256, sealed: original.seal !== undefined } }),
        };
        const document: OutgoingDocument = {
          ...current,
          ...bump(current, now),
          status: 'issued',
          ...(input.promulgationAmount === undefined ? {} : { promulgationAmount: input.promulgationAmount }),
          issue,
        };
        const event = historyEvent({
          documentId: id,
          sequence: document.version,
          action: 'issued',
          at: now,
          principal: ctx.principal,
          before: { status: current.status },
          after: { status: 'issued', issue, ...(original?.seal === undefined ? {} : { signature: original.seal }) },
          correlationId: ctx.correlationId,
          ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
        });
        return { document, event, files: original === undefined ? [] : [original.file] };
      },
      outbox: sending,
      printed: {
        identity: (number) => printedIdentity(formatCodeNumber(number), notation),
        scope: series.kind === 'secret' ? 'secret' : 'public',
        ...(series.kind === 'administrative' ? { family: notationFamily(current.typeName) } : {}),
        numberingVersion: version,
      },
    });
    switch (result.kind) {
      case 'committed':
        await relayEntries(deps, sending);
        return result.document;
      case 'conflict':
        throw staleVersion(current);
      case 'printed-taken':
        throw new ConflictError(
          'number-already-issued',
          `Số, ký hiệu tiếp theo của sổ "${series.name}" (${result.identity}) đã được cấp cho một văn bản khác trong năm ${year}; không cấp số lần thứ hai. Quản trị viên cần xem lại cấu hình sổ (GET /agencies/${current.organId}/numbering).`,
          { details: { registerId: series.id, year, printed: result.identity, existingDocumentId: result.documentId } },
        );
      case 'numbering-changed':
        continue;
    }
  }
  throw new ConflictError('numbering-busy', 'Cấu hình sổ của cơ quan vừa thay đổi nhiều lần trong khi cấp số; hãy thử lại.');
}
