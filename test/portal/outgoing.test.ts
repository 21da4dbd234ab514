/**
 * Outgoing documents in a real browser (Debian's chromium through playwright-core), against a local runtime
 * whose policy asks for the leader's signature and the agency's seal: the specialist drafts and uploads the
 * PDF, the leader signs it with the development remote signer's PIN, the clerk issues it; each screen at
 * 360 px, without a serious or critical axe-core violation.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_SIGNER_PIN } from '#infra/local/signing-setup';
import { samplePdf } from '#signature/dev/sample-pdf';
import { openPortal, portalSuite, signInAs } from '../support/browser.ts';
import { actionsIn, expectUsable, openOutgoing } from '../support/portal-steps.ts';

/** Sample agency [MẪU] Sở Nội vụ (ký hiệu SNV) and its sample people; the recipient [MẪU] Sở Tài chính. */
const RECIPIENT = '000.00.92.H26';

const suite = portalSuite({ signaturePolicy: 'leader-and-agency' });

describe.skipIf(suite.unavailable !== undefined)('outgoing documents in the portal', () => {
  it('the specialist drafts and uploads, the leader signs with the PIN, the clerk issues: number, file and delivery shown', async () => {
    // Prepare: the specialist's draft, a Kế hoạch to [MẪU] Sở Tài chính
    const specialist = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(specialist, 'sample-specialist-1');
    await specialist.getByRole('link', { name: 'Soạn văn bản' }).click();
    await specialist.locator('#draft-type').waitFor();
    await expectUsable(specialist);
    await specialist.locator('#draft-type').selectOption('Kế hoạch');
    await specialist.locator('#draft-subject').fill('Kế hoạch cải cách hành chính năm 2027 (thử nghiệm cổng)');
    await specialist.locator('#recipient-search').fill('so tai chinh');
    await specialist.locator(`[data-action="add-recipient"][data-organ-id="${RECIPIENT}"]`).click();
    await specialist.getByTestId('chosen-recipients').getByText('[MẪU] Sở Tài chính').waitFor();
    await specialist.locator('#draft-places').fill('Lưu: VT');
    await specialist.locator('#draft-signer-position').fill('Giám đốc');
    await specialist.locator('#draft-signer-name').fill('[MẪU] Lãnh đạo 1');
    await expectUsable(specialist);
    await specialist.locator('[data-action="create-draft"]').click();
    await specialist.waitForURL(/#\/documents\/[0-9A-Z]{26}$/);
    const id = /#\/documents\/([0-9A-Z]{26})$/.exec(specialist.url())?.[1] ?? '';
    await actionsIn(specialist, 'draft').waitFor();
    await expectUsable(specialist);

    // Act: upload the PDF (hash in the browser, PUT to the presigned URL, the check's verdict), submit
    const pdf = path.join(suite.work, 'ke-hoach.pdf');
    await writeFile(pdf, samplePdf(['KE HOACH [MAU]', 'Cai cach hanh chinh nam 2027']));
    await specialist.setInputFiles('#upload-file', pdf);
    await specialist.locator('[data-action="upload"]').click();
    const uploaded = specialist.getByTestId('upload-result');
    await uploaded.locator('[data-file-status="stored"]').waitFor({ timeout: 30_000 });
    expect(await uploaded.textContent()).toContain('Đã lưu');
    await specialist.locator('[data-action="submit"]').click();
    await actionsIn(specialist, 'submitted').waitFor();
    await expectUsable(specialist);

    // Act: the leader signs with the remote credential named by their sub and its PIN
    const leader = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(leader, 'sample-leader-1');
    await openOutgoing(leader, id, 'submitted');
    await leader.locator('[data-action="sign"]').waitFor();
    await expectUsable(leader);
    await leader.locator('[data-action="sign"]').click();
    await leader.locator('#signing-pin').waitFor({ timeout: 30_000 });
    await expectUsable(leader);
    await leader.locator('#signing-pin').fill(DEV_SIGNER_PIN);
    await leader.locator('[data-action="confirm-sign"]').click();
    await leader.getByTestId('outgoing-notice').getByText('Đã ký số', { exact: false }).waitFor({ timeout: 30_000 });
    await actionsIn(leader, 'approved').waitFor();
    expect(await leader.getByTestId('outgoing-notice').textContent()).toContain('Hợp lệ');
    await expectUsable(leader);

    // Act: the clerk issues
    const clerk = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(clerk, 'sample-clerk-1');
    await openOutgoing(clerk, id, 'approved');
    await clerk.locator('[data-action="issue"]').waitFor();
    await expectUsable(clerk);
    await clerk.locator('#promulgation-amount').fill('2');
    await clerk.locator('[data-action="issue"]').click();

    // Assess: the number and notation given, the sealed file, the recipient's delivery
    await actionsIn(clerk, 'issued').waitFor({ timeout: 30_000 });
    const number = clerk.getByTestId('issued-number');
    expect(await number.textContent()).toMatch(/^Số: \d{2,}\/KH-SNV$/);
    await clerk.getByTestId('issued-file').getByText('đã ký số của cơ quan', { exact: false }).waitFor();
    expect(await clerk.getByTestId('issued-file').textContent()).toContain('Hợp lệ');
    const delivery = actionsIn(clerk, 'issued').locator(`li[data-organ-id="${RECIPIENT}"]`);
    await delivery.waitFor({ timeout: 60_000 });
    expect(await delivery.textContent()).toContain('[MẪU] Sở Tài chính');
    await expectUsable(clerk);
  });
});
