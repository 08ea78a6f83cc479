/**
 * The sign-in rate limit (30 a minute per address, auth/sessionPolicy.ts) is real in the browser
 * tests, and every e2e file signs in from the same address. A harness sign-in refused with 429
 * waits out the window the reply names (`retry-after`, seconds) and tries again, a few times: the
 * limit is the server's promise, not what these files test (tests/e2e/login.test.ts tests it).
 */
export async function signInWithinRateLimit<R>(
  attempt: () => Promise<R>,
  reply: (result: R) => { status: number; retryAfter: string | null | undefined },
): Promise<R> {
  for (let tries = 1; ; tries++) {
    const result = await attempt();
    const { status, retryAfter } = reply(result);
    if (status !== 429 || tries === 4) return result;
    const seconds = Math.min(60, Math.max(1, Number(retryAfter) || 1));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}
