/**
 * What the server's answer to a queued write means for the queue. Pure, the one place that
 * decides which refusals are final:
 * - `done`: 2xx (201 stored now, 200 a report id it already had; a replay of the key answers the
 *   first reply again).
 * - `retry`: no answer (offline, timeout), 408, 425, 429 (rate limit), 409 (the same key is still
 *   being handled: its first request is running) and every 5xx — the same request may succeed later.
 * - `signIn`: 401, or a 403 about the CSRF token: the session ended or changed; the entry waits for
 *   the user to sign in again and is then sent as it is.
 * - `refused`: any other 4xx (out of scope, invalid, a case that no longer allows the action, the
 *   key reused with another body): sending it again cannot help; the user sees the reason and discards it.
 */
export type UploadVerdict = 'done' | 'retry' | 'signIn' | 'refused';

export type UploadAnswer = { status: number; message: string } | { status: 'network' | 'timeout' };

const retriedStatuses = new Set([408, 409, 425, 429]);

export function uploadVerdict(answer: UploadAnswer): UploadVerdict {
  const { status } = answer;
  if (status === 'network' || status === 'timeout') return 'retry';
  if (status >= 200 && status < 300) return 'done';
  if (status === 401) return 'signIn';
  if (status === 403 && 'message' in answer && /csrf/i.test(answer.message)) return 'signIn';
  if (retriedStatuses.has(status) || status >= 500) return 'retry';
  return 'refused';
}
