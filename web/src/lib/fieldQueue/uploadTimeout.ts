/**
 * How long a report upload may take before the page gives up and offers a retry: 20 s for the
 * request itself plus the body at 8 KB/s (a poor 2G/EDGE link), capped at 3 minutes. A fixed
 * timeout would either fail every photo on a slow link or leave a text-only report hanging.
 */
export function reportTimeoutMs(bodyBytes: number): number {
  const base = 20_000;
  const perByte = 1000 / (8 * 1024);
  return Math.min(180_000, Math.round(base + Math.max(0, bodyBytes) * perByte));
}
