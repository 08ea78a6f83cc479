import { parseArgs } from 'node:util';

/** `npm run simulate -- --rate N [--url U] [--duration S] [--seed S] [--action-delay S]`, checked. */
export interface SimulateOptions {
  /** New case reports per minute (a Poisson stream). */
  ratePerMinute: number;
  /** The running gridmap server; every request goes to this origin and nowhere else. */
  baseUrl: URL;
  /** Seconds to run; null runs until Ctrl-C / SIGTERM. */
  durationS: number | null;
  seed: number;
  /** Mean seconds between a simulated case's steps (accept, mediate, resolve, …). */
  actionDelayS: number;
}

/** Above this the simulator is a load test, which scripts/bench/ is for. */
export const MAX_RATE_PER_MINUTE = 600;

export type SimulateOptionsResult = { ok: true; options: SimulateOptions } | { ok: false; message: string };

export function parseSimulateOptions(argv: string[]): SimulateOptionsResult {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rate: { type: 'string' },
        url: { type: 'string', default: 'http://127.0.0.1:8080' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        'action-delay': { type: 'string', default: '20' },
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const rate = Number(values.rate);
  if (values.rate === undefined || !Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE_PER_MINUTE) {
    return {
      ok: false,
      message: `--rate N is required: new cases per minute, more than 0 and at most ${MAX_RATE_PER_MINUTE}`,
    };
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(values.url!);
  } catch {
    return { ok: false, message: `--url must be a URL such as http://127.0.0.1:8080, got "${values.url}"` };
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    return { ok: false, message: `--url must be http or https, got ${baseUrl.protocol}` };
  }
  if (baseUrl.pathname !== '/' || baseUrl.search || baseUrl.hash || baseUrl.username) {
    return { ok: false, message: '--url is the server origin only (scheme, host, port)' };
  }
  let durationS: number | null = null;
  if (values.duration !== undefined) {
    durationS = Number(values.duration);
    if (!Number.isFinite(durationS) || durationS <= 0)
      return { ok: false, message: '--duration must be a number of seconds above 0' };
  }
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(seed)) return { ok: false, message: '--seed must be an integer' };
  const actionDelayS = Number(values['action-delay']);
  if (!Number.isFinite(actionDelayS) || actionDelayS < 0.1)
    return { ok: false, message: '--action-delay must be at least 0.1 seconds' };
  return { ok: true, options: { ratePerMinute: rate, baseUrl, durationS, seed, actionDelayS } };
}

/** Loopback hosts; any other `--url` is allowed (it was configured on purpose) but announced. */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
}
