/**
 * When a queued write that did not go through is tried again (`attempts` failures so far, ≥ 1):
 * 5 s, 10 s, 20 s … up to 5 minutes, with "equal jitter" (half fixed, half random) so the phones
 * of a township that lost the same link do not all send at once when it returns. A server's
 * `Retry-After` (seconds or an HTTP date, as on a 429) is a floor. Coming back online and the
 * 上传 button do not wait for it. Pure: `random` returns [0, 1).
 */
export function retryDelayMs(
  attempts: number,
  {
    retryAfter = null,
    now = Date.now(),
    baseMs = 5_000,
    maxMs = 300_000,
    random = Math.random,
  }: { retryAfter?: string | null; now?: number; baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  const backoff = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(backoff, retryAfterMs(retryAfter, now));
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date; 0 when absent or unreadable; at most an hour. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 0;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(ms) ? Math.min(3_600_000, Math.max(0, ms)) : 0;
}
