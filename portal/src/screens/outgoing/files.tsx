import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { FormField, hex, Notice, pause, useSubmission } from './shared.tsx';
import type { DocumentFile, ListedFile, OutgoingDocument } from './types.ts';

/** How long the portal waits for the upload check (size, SHA-256, content, signatures) before leaving it to a reload. */
const CHECK_WAIT_MS = 60_000;

/** A file's state in words: stored or rejected and why, and the verdict on its signatures. */
export function verdictOf(file: Pick<DocumentFile, 'status' | 'rejection' | 'verification'>): string {
  if (file.status === 'pending') return label('fileStatus', 'pending');
  if (file.status === 'rejected') return `${label('fileStatus', 'rejected')}: ${file.rejection === undefined ? '' : label('fileRejection', file.rejection.code)}`;
  if (file.verification === null) return `${label('fileStatus', 'stored')}.`;
  const signatures = file.verification.report.signatures;
  const count = Array.isArray(signatures) ? signatures.length : 0;
  if (count === 0) return `${label('fileStatus', 'stored')}; tệp chưa có chữ ký số.`;
  return `${label('fileStatus', 'stored')}; ${count} chữ ký số — kết quả kiểm tra: ${label('signatureVerdict', file.verification.verdict)}.`;
}

/** The headers of the presigned upload a browser may send (it sets Content-Length and Host itself). */
function sendable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !['content-length', 'host'].includes(name.toLowerCase())));
}

/** Opens a file's download (a presigned URL valid a few minutes, asked for at the click). */
export function useDownload(documentId: string) {
  const [error, setError] = useState<unknown>();
  const open = async (fileId: string) => {
    setError(undefined);
    try {
      const file = await data(api.GET('/documents/{id}/files/{fileId}', { params: { path: { id: documentId, fileId } } }));
      if (file.downloadUrl === undefined) throw new Error('Tệp chưa sẵn sàng để tải về.');
      window.location.assign(file.downloadUrl);
    } catch (failure) {
      setError(failure);
    }
  };
  return { error, open };
}

/**
 * The document's files (GET /documents/{id}/files) and, for its drafter, the upload of a PDF: its SHA-256
 * computed here, announced (POST …/files), PUT to the presigned URL, then checked by the API (GET …/files/{fileId}
 * until stored or rejected, with the verdict on its signatures).
 */
export function FilesPanel({ document, canUpload, onUploaded }: { readonly document: OutgoingDocument; readonly canUpload: boolean; readonly onUploaded: () => void }) {
  const [tick, setTick] = useState(0);
  const files = useLoad(() => data(api.GET('/documents/{id}/files', { params: { path: { id: document.id } } })), [document.id, document.version, tick]);
  const download = useDownload(document.id);
  const submission = useSubmission();
  const [chosen, setChosen] = useState<File | undefined>();
  const [step, setStep] = useState<string | undefined>();
  const [result, setResult] = useState<DocumentFile | undefined>();
  const secret = document.secrecy !== 'none';

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    submission.setError(undefined);
    if (chosen === undefined) return submission.setError(new Error('Hãy chọn tệp PDF của văn bản.'));
    if (!(chosen.type === 'application/pdf' || chosen.name.toLowerCase().endsWith('.pdf'))) return submission.setError(new Error('Chỉ tải lên tệp PDF (.pdf).'));
    try {
      setStep('Đang tính mã băm SHA-256 của tệp…');
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const sha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
      const announcement = { fileName: chosen.name, contentType: 'application/pdf', size: bytes.length, sha256 };
      setStep('Đang đăng ký tệp…');
      const slot = await submission.run({ announce: document.id, ...announcement }, (headers) =>
        data(api.POST('/documents/{id}/files', { params: { path: { id: document.id } }, body: announcement, headers })),
      );
      if (slot === undefined) return;
      setStep('Đang tải tệp lên…');
      let response: Response;
      try {
        response = await fetch(slot.uploadUrl, { method: slot.method, headers: sendable(slot.requiredHeaders), body: bytes });
      } catch (failure) {
        throw new Error(`Không gửi được tệp đến kho lưu trữ (${failure instanceof Error ? failure.message : String(failure)}). Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống.`);
      }
      if (!response.ok) throw new Error(`Kho lưu trữ không nhận tệp (HTTP ${response.status}). Hãy thử lại.`);
      setStep('Đang kiểm tra tệp và chữ ký số…');
      const deadline = Date.now() + CHECK_WAIT_MS;
      let file = await data(api.GET('/documents/{id}/files/{fileId}', { params: { path: { id: document.id, fileId: slot.fileId } } }));
      while (file.status === 'pending' && Date.now() < deadline) {
        await pause(700);
        file = await data(api.GET('/documents/{id}/files/{fileId}', { params: { path: { id: document.id, fileId: slot.fileId } } }));
      }
      setResult(file);
      setChosen(undefined);
      setTick((n) => n + 1);
      onUploaded();
    } catch (failure) {
      submission.setError(failure);
    } finally {
      setStep(undefined);
    }
  };

  const items: readonly ListedFile[] = files.value?.items ?? [];
  return (
    <section className="card" aria-labelledby="outgoing-files-title">
      <h3 id="outgoing-files-title">Tệp văn bản</h3>
      <ErrorBox error={files.error ?? download.error} />
      {files.loading && files.value === undefined ? <Loading what="danh sách tệp" /> : null}
      {files.value !== undefined && items.length === 0 ? <p className="muted">Chưa có tệp nào.</p> : null}
      {items.length === 0 ? null : (
        <ul className="list" aria-label="Các tệp của văn bản">
          {items.map((file) => (
            <li key={file.fileId} data-file-id={file.fileId} data-status={file.status}>
              <strong className="wrap">{file.fileName}</strong>{' '}
              <span className="muted">
                · {file.uploadedBy.name} · {vnDateTime(file.createdAt)}
                {document.signedFile?.fileId === file.fileId ? ' · bản lãnh đạo đã ký số' : ''}
                {document.issue?.file?.fileId === file.fileId ? ' · bản phát hành' : ''}
              </span>
              <br />
              <span>{verdictOf(file)}</span>{' '}
              {file.status === 'stored' ? (
                <button
                  type="button"
                  className="link"
                  data-action="download"
                  data-file-id={file.fileId}
                  aria-label={`Tải về ${file.fileName}`}
                  onClick={() => void download.open(file.fileId)}
                >
                  Tải về
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!canUpload ? null : secret ? (
        <p className="muted">Văn bản mật không lưu nội dung trên hệ thống: không tải tệp lên.</p>
      ) : (
        <form onSubmit={(event) => void upload(event)} aria-label="Tải tệp PDF lên">
          <FormField id="upload-file" label="Tệp PDF của văn bản" hint="Tệp PDF dự thảo, chưa ký; lãnh đạo sẽ ký số trên hệ thống.">
            <input id="upload-file" type="file" accept="application/pdf,.pdf" aria-describedby="upload-file-hint" onChange={(event) => setChosen(event.target.files?.[0])} />
          </FormField>
          <ErrorBox error={submission.error} />
          <div className="row">
            <button type="submit" data-action="upload" disabled={step !== undefined}>
              Tải lên
            </button>
          </div>
          <p className="muted" aria-live="polite">
            {step ?? ''}
          </p>
          {result === undefined ? null : (
            <Notice testId="upload-result">
              Tệp “{result.fileName}”: <span data-file-status={result.status}>{verdictOf(result)}</span>
              {result.status === 'rejected' && result.rejection !== undefined ? <span className="muted"> ({result.rejection.message})</span> : null}
            </Notice>
          )}
        </form>
      )}
    </section>
  );
}
