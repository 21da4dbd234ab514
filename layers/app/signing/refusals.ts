import { BusyError, UnprocessableError } from '#domain/errors';
import { RemoteSignerError } from '#domain/signing/ports';

/**
 * A call to a service that signs or stamps away from vanthu (the remote signing service, the TSA, a CRL
 * host): when it cannot be reached or answers nonsense, the request is refused with 503 and nothing is
 * written — try again in a moment — rather than failing with a 500.
 */
export async function remoteCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RemoteSignerError) {
      throw new BusyError('Dịch vụ ký số từ xa hoặc dịch vụ cấp dấu thời gian không trả lời đúng; hãy thử lại sau ít phút.', { details: { reason: error.message }, cause: error });
    }
    throw error;
  }
}

/** Secret documents hold no content: nothing of theirs is ever signed electronically. */
export function secretRefusal(): UnprocessableError {
  return new UnprocessableError('secret-document', 'Văn bản mật không có nội dung điện tử: không ký số trên hệ thống.');
}
