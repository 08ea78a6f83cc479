/**
 * What the server's answer to a queued write means for the queue. Pure, the one place that
 * decides which refusals are final:
 * - `done`: 2xx (201 stored now, 200 a report id it already had; a replay of the key answers the
 *   first reply again).
 * - `conflict`: 409 `version_conflict` (#14 part 4): a case action made on a version the case has
 *   moved on from. Not applied; sending it again cannot help, and it is not a refusal either: the
 *   user sees what they meant to do beside what the case is now, and applies it on the new version
 *   or discards it.
 * - `retry`: no answer (offline, timeout), 408, 425, 429 (rate limit), a 409 that is not a verdict
 *   on the write (the same key is still being handled: its first request is running) and every
 *   5xx — the same request may succeed later.
 * - `signIn`: 401, or a 403 about the CSRF token: the session ended or changed; the entry waits for
 *   the user to sign in again and is then sent as it is.
 * - `refused`: any other 4xx (out of scope, invalid, a case that no longer allows the action — the
 *   lifecycle's 409 with its `reason` —, the key reused with another body): sending it again cannot
 *   help; the user sees the reason and discards it.
 */
export type UploadVerdict = 'done' | 'conflict' | 'retry' | 'signIn' | 'refused';

export type UploadAnswer =
  { status: number; message: string; reply?: unknown } | { status: 'network' | 'timeout'; reply?: undefined };

const retriedStatuses = new Set([408, 425, 429]);

export function uploadVerdict(answer: UploadAnswer): UploadVerdict {
  const { status } = answer;
  if (status === 'network' || status === 'timeout') return 'retry';
  if (status >= 200 && status < 300) return 'done';
  if (status === 401) return 'signIn';
  if (status === 403 && 'message' in answer && /csrf/i.test(answer.message)) return 'signIn';
  if (status === 409) {
    const reason = replyReason(answer.reply);
    if (reason === 'version_conflict') return 'conflict';
    // The lifecycle's refusal names its reason; idempotency_key_in_use (or a 409 without a body
    // this app wrote) is about the request still running elsewhere.
    return reason === null ? 'retry' : 'refused';
  }
  if (retriedStatuses.has(status) || status >= 500) return 'retry';
  return 'refused';
}

function replyReason(reply: unknown): string | null {
  if (!reply || typeof reply !== 'object') return null;
  const reason = (reply as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' ? reason : null;
}
