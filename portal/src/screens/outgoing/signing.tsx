import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiProblem, api, data } from '../../api/client.ts';
import { currentSession } from '../../auth/session.ts';
import { ErrorBox } from '../../components/ui.tsx';
import { vnDate, vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { describedBy, FormField, Notice, useSubmission } from './shared.tsx';
import type { CompletedSigning, OutgoingDocument, PreparedSigning, SignatureCompletion } from './types.ts';

/** What a refusal of the signing routes means for the leader, in their words (the API's detail may be English). */
function explain(error: unknown): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const name = error.type.split('/').pop() ?? '';
  const sentences: Record<string, string> = {
    'signature-refused': 'Dịch vụ ký số từ chối ký: mã PIN không đúng hoặc chứng thư không dùng được. Hãy nhập lại mã PIN.',
    'signature-expired': 'Phiên ký đã hết hạn (15 phút). Hãy bấm “Ký số” để bắt đầu lại.',
    'document-changed': 'Văn bản đã thay đổi sau khi chuẩn bị ký. Hãy bấm “Ký số” để ký bản mới.',
    'signature-completed': 'Phiên ký này đã hoàn tất.',
    'unknown-credential': 'Dịch vụ ký số từ xa không có chứng thư với mã này.',
    'signer-not-bound': 'Chứng thư này không được đăng ký cho bạn trong danh bạ của cơ quan.',
    'no-pdf': 'Văn bản chưa có tệp PDF để ký: người soạn cần tải tệp lên.',
    'not-verified-yet': 'Tệp PDF đang được kiểm tra; hãy thử lại sau ít giây.',
    'secret-document': 'Văn bản mật không ký số trên hệ thống.',
    busy: 'Hệ thống đang bận; chưa có gì thay đổi. Hãy thử lại.',
  };
  return sentences[name] ?? (error.status === 503 ? 'Dịch vụ ký số tạm thời không trả lời; chưa có gì được ký. Hãy thử lại.' : undefined);
}

/**
 * The leader's personal signature (docs/SIGNATURES.md, "Signing in the workflow"): vanthu prepares the PDF
 * (POST …/signatures/prepare, a remote credential), the leader gives the PIN, vanthu asks the remote signing
 * service (CSC v2) and completes (POST …/signatures/{signingId}/complete): the signed PDF is verified,
 * stored, and the document approved. The PIN goes once to the service and is kept nowhere.
 */
export function SignPanel({ document, onSigned }: { readonly document: OutgoingDocument; readonly onSigned: (message: string) => void }) {
  const session = currentSession();
  const me = useLoad(() => data(api.GET('/users/{sub}', { params: { path: { sub: 'me' } } })).catch(() => undefined), []);
  const [credential, setCredential] = useState<string | undefined>();
  const [prepared, setPrepared] = useState<PreparedSigning | undefined>();
  const [pending, setPending] = useState<Extract<CompletedSigning, { status: 'pending' }> | undefined>();
  const [pin, setPin] = useState('');
  const submission = useSubmission();
  const pinInput = useRef<HTMLInputElement>(null);
  const credentialId = credential ?? me.value?.signing?.credentialIds[0] ?? session?.sub ?? '';

  useEffect(() => {
    if (prepared !== undefined) pinInput.current?.focus();
  }, [prepared]);

  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setPending(undefined);
    const body = { signer: { kind: 'remote' as const, credentialId: credentialId.trim() } };
    const answer = await submission.run({ prepare: document.id, version: document.version, body }, (headers) =>
      data(api.POST('/documents/{id}/signatures/prepare', { params: { path: { id: document.id } }, body, headers })),
    );
    if (answer !== undefined) setPrepared(answer);
  };

  const finish = (outcome: CompletedSigning) => {
    if (outcome.status === 'pending') {
      setPending(outcome);
      return;
    }
    setPrepared(undefined);
    setPending(undefined);
    const verdict = outcome.file.verification === null ? '' : `, kết quả kiểm tra: ${label('signatureVerdict', outcome.file.verification.verdict)}`;
    onSigned(`Đã ký số bằng chứng thư “${outcome.signature.signer}”${verdict}. Văn bản: ${label('outgoingStatus', outcome.document.status)}.`);
  };

  const complete = async (event: FormEvent) => {
    event.preventDefault();
    if (prepared === undefined) return;
    const body: SignatureCompletion = { authorization: { PIN: pin } };
    // The PIN is left out of what identifies the request: the portal keeps it only in the field.
    const outcome = await submission.run({ complete: prepared.signingId }, (headers) =>
      data(api.POST('/documents/{id}/signatures/{signingId}/complete', { params: { path: { id: document.id, signingId: prepared.signingId } }, body, headers })),
    );
    setPin('');
    if (outcome !== undefined) finish(outcome);
  };

  const check = async () => {
    if (pending === undefined) return;
    const outcome = await submission.run({ check: pending.signingId, at: Date.now() }, (headers) =>
      data(api.POST('/documents/{id}/signatures/{signingId}/complete', { params: { path: { id: document.id, signingId: pending.signingId } }, body: {}, headers })),
    );
    if (outcome !== undefined) finish(outcome);
  };

  const explained = explain(submission.error);
  const credentialHint = 'Mã chứng thư của bạn tại dịch vụ ký số từ xa.';
  return (
    <section className="card" aria-labelledby="outgoing-sign-title">
      <h3 id="outgoing-sign-title">Ký số văn bản</h3>
      <p>
        Ký số từ xa: hệ thống chuẩn bị bản PDF để ký, rồi gửi yêu cầu ký đến dịch vụ ký số khi bạn nhập mã PIN. Mã PIN chỉ được chuyển một lần đến dịch vụ ký số và không được lưu.
        Ký xong, văn bản được duyệt và chuyển văn thư phát hành.
      </p>
      <p className="muted">Ký bằng USB token (ký số tại thiết bị) cần phần mềm ký số (plugin) cài trên máy tính; cổng thông tin chưa hỗ trợ cách ký này, hãy dùng ký số từ xa.</p>
      {explained === undefined ? null : (
        <p className="field-error" role="alert">
          {explained}
        </p>
      )}
      <ErrorBox error={submission.error} />
      {prepared === undefined ? (
        <form onSubmit={(event) => void prepare(event)} aria-label="Chuẩn bị ký số">
          <FormField id="signing-credential" label="Chứng thư ký số từ xa" hint={credentialHint}>
            <input
              id="signing-credential"
              autoComplete="off"
              value={credentialId}
              required
              aria-describedby={describedBy('signing-credential', credentialHint, undefined)}
              onChange={(event) => setCredential(event.target.value)}
            />
          </FormField>
          <div className="row">
            <button type="submit" data-action="sign" disabled={submission.busy}>
              {submission.busy ? 'Đang chuẩn bị…' : 'Ký số'}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(event) => void complete(event)} aria-label="Xác nhận ký số bằng mã PIN" data-testid="sign-pin-form">
          <p>
            Chứng thư: <strong className="wrap">{prepared.signer.commonName}</strong> (hiệu lực đến {vnDate(prepared.signer.notAfter)}). Phiên ký hết hạn lúc{' '}
            {vnDateTime(prepared.expiresAt)}.
          </p>
          <FormField id="signing-pin" label="Mã PIN của chứng thư">
            <input id="signing-pin" ref={pinInput} type="password" inputMode="numeric" autoComplete="off" required value={pin} onChange={(event) => setPin(event.target.value)} />
          </FormField>
          <div className="row">
            <button type="submit" data-action="confirm-sign" disabled={submission.busy || pin === ''}>
              {submission.busy ? 'Đang ký…' : 'Xác nhận ký'}
            </button>
            <button
              type="button"
              className="secondary"
              data-action="cancel-sign"
              onClick={() => {
                setPrepared(undefined);
                setPin('');
                submission.setError(undefined);
              }}
            >
              Hủy
            </button>
          </div>
        </form>
      )}
      {pending === undefined ? null : (
        <Notice testId="sign-pending">
          Đang chờ bạn xác nhận trên ứng dụng của dịch vụ ký số (hết hạn lúc {vnDateTime(pending.expiresAt)}).{' '}
          <button type="button" className="secondary" data-action="check-sign" onClick={() => void check()} disabled={submission.busy}>
            Kiểm tra kết quả ký
          </button>
        </Notice>
      )}
    </section>
  );
}
