/**
 * How long to wait before reconnect attempt `attempt` (0 = the first after a drop): exponential
 * from `baseMs`, capped at `maxMs`, with "equal jitter" (half fixed, half random) so a hundred
 * walls that lost the same server do not all knock at once when it comes back, yet none waits
 * much less than the backoff asks. Pure: `random` returns [0, 1).
 */
export function reconnectDelayMs(
  attempt: number,
  {
    baseMs = 500,
    maxMs = 30_000,
    random = Math.random,
  }: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
