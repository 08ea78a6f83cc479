import { reportTimeoutMs } from './uploadTimeout.js';
import type { QueuedOperation } from './queuedOperation.js';
import type { UploadAnswer } from './uploadVerdict.js';

export type SentAnswer = UploadAnswer & { reply?: unknown; retryAfter?: string | null };

/**
 * Sends one queued write to this origin with its id as the `Idempotency-Key` and the session's
 * CSRF token, and says what came back. Never throws: no answer is `network` or `timeout`.
 */
export async function sendQueuedOperation(
  operation: QueuedOperation,
  csrfToken: string | null,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<SentAnswer> {
  const text = JSON.stringify(operation.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'idempotency-key': operation.id,
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetchImpl(operation.path, {
      method: 'POST',
      headers,
      body: text,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(reportTimeoutMs(text.length)),
    });
  } catch (error) {
    return { status: error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'network' };
  }
  const reply: unknown = await response.json().catch(() => null);
  const message =
    reply && typeof reply === 'object' && typeof (reply as { message?: unknown }).message === 'string'
      ? (reply as { message: string }).message
      : response.statusText;
  return { status: response.status, message, reply, retryAfter: response.headers.get('retry-after') };
}
