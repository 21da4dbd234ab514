import { describe, expect, it } from 'vitest';
import { TransactionContendedError } from '#adapters/dynamo/errors';
import { problemResponse, timeoutResponse } from '#http/problem';

describe('problem+json answers of the server side', () => {
  it('answers 503 when a write stayed contended past its retries: nothing written, try again', () => {
    // Act
    const response = problemResponse(new TransactionContendedError({ subject: 'update of document D1', attempts: 8, conflicted: ['document'] }), 'req-1');
    const body = JSON.parse(response.body ?? '{}');
    // Assess
    expect(response.statusCode).toBe(503);
    expect(body).toMatchObject({ status: 503, type: expect.stringContaining('busy'), correlationId: 'req-1' });
    expect(body.detail).toContain('chưa ghi gì');
  });

  it('answers 504 with the correlation id and says the outcome is unknown', () => {
    const response = timeoutResponse('req-2');
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ status: 504, correlationId: 'req-2', detail: expect.stringContaining('chưa rõ kết quả') });
  });
});
