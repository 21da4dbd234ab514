/**
 * The day of work through the portal only (Debian's chromium, a local runtime): a clerk registers an
 * incoming document, a leader assigns it, a specialist drafts the reply, uploads it and completes the incoming
 * document with it; the leader signs the reply with the development remote signer; the clerk issues it to
 * another city agency, whose clerk sees it arrive.
 */
import { describe, expect, it } from 'vitest';
import { openPortal, portalSuite, signInAs } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';
import { actionsIn, documentIdOf, expectUsable, go, openOutgoing, registerThroughForm, signWithPin, statusIs, uploadSamplePdf } from '../support/portal-steps.ts';

/** The SAMPLE agencies (infra/local/sample-data.ts): the Sở Nội vụ works, the Sở Tài chính receives. */
const RECEIVER = '000.00.92.H26';

const suite = portalSuite({ signaturePolicy: 'leader-and-agency' });

describe.skipIf(suite.unavailable !== undefined)('a day of work through the portal', () => {
  it('registers, assigns, answers with a signed and issued reply, and the receiving clerk sees it arrive', async () => {
    // The clerk registers the incoming document
    const clerk = await openPortal(suite.browser, suite.api);
    await signInAs(clerk, 'sample-clerk-1');
    await registerThroughForm(clerk, { codeNumber: '4321', subject: 'Về việc đề nghị báo cáo kế hoạch cải cách hành chính' });
    await statusIs(clerk, 'Đã vào sổ');
    const incomingId = documentIdOf(clerk);

    // The leader assigns it to the specialist, picked from the directory
    const leader = await openPortal(suite.browser, suite.api);
    await signInAs(leader, 'sample-leader-1');
    await go(leader, `/documents/${incomingId}`);
    await leader.fill('#assign-search', 'chuyen vien 1');
    await leader.locator('button[data-pick="lead"][data-sub="sample-specialist-1"]').click();
    await leader.locator('[data-action="assign"]').click();
    await statusIs(leader, 'Đã phân công');

    // The specialist sees it on the home page, drafts the reply to the Sở Tài chính, uploads and submits it
    const specialist = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(specialist, 'sample-specialist-1');
    await specialist.getByTestId('work-total').waitFor();
    expect(Number(await specialist.locator('[data-bucket="assigned"][data-owner="me"] .count').textContent())).toBeGreaterThanOrEqual(1);
    await go(specialist, '/outgoing/new');
    await specialist.locator('#draft-type').selectOption('Kế hoạch');
    await specialist.locator('#draft-subject').fill('Kế hoạch cải cách hành chính năm 2027 (trả lời)');
    await specialist.locator('#recipient-search').fill('so tai chinh');
    await specialist.locator(`[data-action="add-recipient"][data-organ-id="${RECEIVER}"]`).click();
    await specialist.locator('[data-action="create-draft"]').click();
    await specialist.waitForURL(/#\/documents\/[0-9A-Z]{26}$/);
    const replyId = documentIdOf(specialist);
    await actionsIn(specialist, 'draft').waitFor();
    await uploadSamplePdf(specialist, suite.work, ['KE HOACH [MAU]', 'Tra loi de nghi bao cao']);
    await specialist.locator('[data-action="submit"]').click();
    await actionsIn(specialist, 'submitted').waitFor();

    // … and completes the incoming document with that reply
    await go(specialist, `/documents/${incomingId}`);
    await specialist.locator('#complete-reply').waitFor();
    await specialist.fill('#complete-note', 'Đã dự thảo kế hoạch trả lời, trình lãnh đạo ký');
    await specialist.locator(`#complete-reply option[value="${replyId}"]`).waitFor({ state: 'attached' });
    await specialist.selectOption('#complete-reply', replyId);
    await specialist.locator('[data-action="complete"]').click();
    await statusIs(specialist, 'Hoàn thành');
    await expectUsable(specialist);

    // The leader signs the reply; the clerk issues it
    await openOutgoing(leader, replyId, 'submitted');
    await signWithPin(leader);
    await openOutgoing(clerk, replyId, 'approved');
    await clerk.locator('[data-action="issue"]').click();
    await actionsIn(clerk, 'issued').waitFor({ timeout: 30_000 });
    const number = (await clerk.getByTestId('issued-number').textContent()) ?? '';
    expect(number).toMatch(/^Số: \d{2,}\/KH-SNV$/);

    // The receiving agency's clerk sees it arrive, on the home page and in the list of documents to register
    const receiver = await openPortal(suite.browser, suite.api);
    await signInAs(receiver, 'sample-clerk-2');
    const arrived = await eventually(
      async () => {
        await go(receiver, '/documents?direction=incoming&status=arrived');
        await receiver.locator('#filter-q').waitFor();
        return receiver.locator('tr[data-document-id]').filter({ hasText: 'Kế hoạch cải cách hành chính năm 2027 (trả lời)' }).count();
      },
      (count) => count === 1,
      60_000,
      1000,
    );
    expect(arrived).toBe(1);
    await expectUsable(receiver);
    await go(receiver, '/');
    await receiver.getByTestId('work-total').waitFor();
    expect(Number(await receiver.locator('[data-bucket="to-register"] .count').textContent())).toBeGreaterThanOrEqual(1);
    await expectUsable(receiver);
  });
});
