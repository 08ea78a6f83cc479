import type { CaseReportBody } from '@contract/cases.js';
import type { ReportedCase } from '@contract/caseQr.js';
import { csrfToken } from '../../lib/api/csrfToken.js';
import { reportUnauthorized } from '../../lib/session/unauthorized.js';
import { reportTimeoutMs } from '../../lib/fieldQueue/uploadTimeout.js';

export type SubmitResult =
  | { ok: true; case: ReportedCase }
  /** The server answered and refused (4xx/5xx): retrying the same report will not help unless it was a 5xx. */
  | { ok: false; failure: 'refused'; status: number; message: string }
  /** Nothing came back: offline, the server unreachable, or too slow. The report may be retried. */
  | { ok: false; failure: 'network' | 'timeout' };

/**
 * POSTs a report to `/api/cases` (same origin only). XMLHttpRequest rather than fetch because
 * only it reports upload progress, which a photo on a slow link needs. `onProgress` gets 0–1.
 * `idempotencyKey` is the draft's own UUID, sent as the `Idempotency-Key` header: a retry after a
 * lost reply gets the first reply back instead of registering the case twice.
 */
export function submitReport(
  body: CaseReportBody,
  idempotencyKey: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<SubmitResult> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/cases');
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('idempotency-key', idempotencyKey);
    const token = csrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);
    request.timeout = reportTimeoutMs(text.length);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const reply = parse(request.responseText);
      // 200: a retry of a report the server had already stored (same reportId); a replay of the
      // Idempotency-Key answers the first reply's 201 again.
      if (
        (request.status === 201 || request.status === 200) &&
        reply &&
        typeof reply === 'object' &&
        'serial' in reply
      ) {
        onProgress(1);
        resolve({ ok: true, case: reply as ReportedCase });
        return;
      }
      // The session ended (expired, signed out elsewhere): the app asks to sign in again; the draft stays.
      if (request.status === 401) reportUnauthorized();
      const message =
        reply && typeof reply === 'object' && 'message' in reply ? String(reply.message) : request.statusText;
      resolve({ ok: false, failure: 'refused', status: request.status, message });
    };
    request.onerror = () => resolve({ ok: false, failure: 'network' });
    request.onabort = () => resolve({ ok: false, failure: 'network' });
    request.ontimeout = () => resolve({ ok: false, failure: 'timeout' });
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(text);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
