/**
 * Time playback of 10⁵ cases in Chromium (issue #15 part 3: requestAnimationFrame delta p95 under
 * 20 ms; at 20 random instants the drawn count equals GET /api/cases/open-at). Figures printed,
 * nothing asserted.
 *
 * The demo county has a few thousand cases a year, so the page's case timeline is multiplied: the
 * browser's request is answered with the server's own reply with every case repeated k times
 * (positions spread by a few hundred metres, times unchanged), k = ⌈10⁵ / cases⌉. Then at any
 * instant the GPU-filtered count must be exactly k × the server's open-at count, which the bench
 * asks the server for at each instant: the check stays against the database, not against itself.
 *
 * Baselines in the same run: the rAF deltas of the same page on the live map (nothing playing,
 * nothing redrawn), the live map redrawn every frame (the basemap's drawing), and paused with the
 * map redrawn every frame (the drawing alone, the clock still): playing / paused redraw near 1 says a moving clock costs no more than drawing the frame
 * (the filter range is the only change). Chromium runs headless on SwiftShader (software WebGL)
 * as in the browser tests, so every vertex of 10⁵ points is shaded on the CPU: a GPU is far faster.
 *
 * Run: `npm run bench:playback` (build first: `npm run build`). PLAYBACK_BENCH_CASES (default
 * 100000), PLAYBACK_BENCH_SECONDS of playing measured (default 10), PLAYBACK_BENCH_URL to probe a
 * server already running, CHROMIUM_PATH (default /usr/bin/chromium).
 */
import type { Page } from 'playwright-core';
import type { CaseOpenAt, CaseTimeline } from '../../server/src/contract/caseTimeline.js';
import { adminBenchPage, benchServer, launchBenchChromium } from './benchBrowser.js';
import { readCommandLine } from '../cli/commandLine.mjs';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';

readCommandLine({
  name: 'bench:playback',
  usage: `usage: npm run bench:playback   (build first: npm run build)
  PLAYBACK_BENCH_CASES=N            cases played back (default 100000)
  PLAYBACK_BENCH_SECONDS=S          seconds of playing measured, and of the live-map baseline (default 10)
  PLAYBACK_BENCH_URL=http://…:8080  probe a server already running instead of a fresh one
  CHROMIUM_PATH=…                   the browser (default /usr/bin/chromium)
Prints figures, asserts nothing.`,
});
const wantedCases = Number(process.env.PLAYBACK_BENCH_CASES ?? 100_000);
const seconds = Number(process.env.PLAYBACK_BENCH_SECONDS ?? 10);
const grid = '620724';
const instants = 20;

/** The case columns with every entry repeated k times in place (so still sorted by reportedAt). */
function multiplied(timeline: CaseTimeline, k: number): CaseTimeline {
  const repeat = <T>(column: T[], each: (value: T, copy: number) => T = (value) => value) =>
    column.flatMap((value) => Array.from({ length: k }, (_, copy) => each(value, copy)));
  // A copy's offset on a small spiral (≤ ~0.004°, a few hundred metres): distinct points, same grid.
  const spread = (copy: number, axis: 0 | 1) => {
    const angle = copy * 2.399963;
    const radius = 0.004 * Math.sqrt(copy / k);
    return Math.round((axis === 0 ? Math.cos(angle) : Math.sin(angle)) * radius * 1e6) / 1e6;
  };
  return {
    ...timeline,
    count: timeline.count * k,
    serial: repeat(timeline.serial, (serial, copy) => `${serial}-${copy}`),
    reportedAt: repeat(timeline.reportedAt),
    endedAt: repeat(timeline.endedAt),
    warnAt: repeat(timeline.warnAt),
    deadlineAt: repeat(timeline.deadlineAt),
    level: repeat(timeline.level),
    category: repeat(timeline.category),
    status: repeat(timeline.status),
    lon: repeat(timeline.lon, (lon, copy) => lon + spread(copy, 0)),
    lat: repeat(timeline.lat, (lat, copy) => lat + spread(copy, 1)),
  };
}

/**
 * rAF deltas in ms over `ms` of the page's own clock. A string, not a function: tsx's name-keeping
 * helper (`__name`) would be called inside the page, where it does not exist.
 */
const frameDeltas = (page: Page, ms: number, { repaint = false } = {}) =>
  page.evaluate<number[]>(`new Promise((resolve) => {
    const deltas = [];
    let last = 0;
    let start = 0;
    const tick = (now) => {
      if (start === 0) start = now;
      else deltas.push(now - last);
      last = now;
      ${repaint ? 'window.__gridmap.map.triggerRepaint();' : ''}
      if (now - start < ${Number(ms)}) requestAnimationFrame(tick);
      else resolve(deltas);
    };
    requestAnimationFrame(tick);
  })`);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const describe = (deltas: number[]) =>
  `${deltas.length} frames, p50 ${quantile(deltas, 0.5).toFixed(1)} ms, p95 ${quantile(deltas, 0.95).toFixed(1)} ms, p99 ${quantile(deltas, 0.99).toFixed(1)} ms, max ${Math.max(...deltas).toFixed(1)} ms`;

/** The cases the GPU kept in the two case layers, as deck.gl last counted them (null: not yet). */
const drawnCases = (page: Page) =>
  page.evaluate(() => {
    type Counts = Record<string, number | undefined> & { second: number };
    const state = (window as unknown as { __gridmap?: { playback(): Counts | null } }).__gridmap?.playback();
    if (!state || state['playback-within'] === undefined) return null;
    return { second: state.second, count: (state['playback-within'] ?? 0) + (state['playback-overdue'] ?? 0) };
  });

async function main(): Promise<void> {
  const server = await benchServer('PLAYBACK_BENCH_URL');
  const browser = await launchBenchChromium();
  try {
    const page = await adminBenchPage(browser, server.baseUrl);
    const api = async <T>(path: string): Promise<T> => {
      const reply = await page.request.get(`${server.baseUrl}${path}`);
      if (!reply.ok()) throw new Error(`${path}: ${reply.status()} ${await reply.text()}`);
      return (await reply.json()) as T;
    };

    const real = await api<CaseTimeline>(`/api/cases/timeline?grid=${grid}&status=all`);
    const k = Math.max(1, Math.ceil(wantedCases / real.count));
    console.log(`demo timeline: ${real.count} cases; each repeated ${k}× → ${real.count * k} cases played back`);
    await page.route('**/api/cases/timeline?*', async (route) => {
      const reply = await route.fetch();
      route.fulfill({ json: multiplied((await reply.json()) as CaseTimeline, k) });
    });

    await page.goto(`${server.baseUrl}/map/${grid}`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('filter-status').selectOption('all');
    const baseline = await frameDeltas(page, seconds * 1000);
    // The live map (its few hundred open cases) redrawn every frame: the basemap's own drawing cost.
    const liveRedrawn = await frameDeltas(page, seconds * 1000, { repaint: true });

    const opening = Date.now();
    await page.getByTestId('playback-open').click();
    await page.waitForSelector('[data-testid="playback-histogram"]', { timeout: 120_000 });
    await page.waitForFunction(
      () => {
        type Counts = Record<string, number | undefined>;
        const state = (window as unknown as { __gridmap?: { playback(): Counts | null } }).__gridmap?.playback();
        return state?.['playback-within'] !== undefined;
      },
      undefined,
      { timeout: 120_000 },
    );
    const openMs = Date.now() - opening;

    // The same frame drawn again and again, the clock still: what drawing costs, without playing.
    const redrawn = await frameDeltas(page, seconds * 1000, { repaint: true });

    await page.getByTestId('playback-speed').selectOption('1w');
    await page.getByTestId('playback-toggle').click();
    const playing = await frameDeltas(page, seconds * 1000);
    await page.getByTestId('playback-toggle').click();

    // 20 random instants: the slider set as a drag would, the drawn count against k × open-at.
    const random = mulberry32(15);
    const slider = page.getByTestId('playback-slider');
    const [min, max] = [Number(await slider.getAttribute('min')), Number(await slider.getAttribute('max'))];
    const checks: { at: string; drawn: number | null; expected: number; ms: number }[] = [];
    for (let i = 0; i < instants; i++) {
      const target = Math.round(min + random() * (max - min));
      await slider.evaluate((input: HTMLInputElement, value) => {
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, target);
      const at = (await page.getByTestId('playback-time').getAttribute('data-at'))!;
      const expected =
        k * (await api<CaseOpenAt>(`/api/cases/open-at?grid=${grid}&status=all&at=${encodeURIComponent(at)}`)).count;
      const asked = Date.now();
      let drawn: number | null = null;
      // deck.gl counts after the frame that applies the new range: poll frames until it agrees, 30 s at most (a software-rendered frame of 10⁵ points takes seconds).
      while (Date.now() - asked < 30_000) {
        drawn = (await drawnCases(page))?.count ?? null;
        if (drawn === expected) break;
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      }
      checks.push({ at, drawn, expected, ms: Date.now() - asked });
    }

    console.log(
      `\nplayback of ${real.count * k} cases (+ camera outages and patrols on the same clock), Chromium headless, SwiftShader`,
    );
    console.log(`open playback → history loaded, buffers built and first filtered frame counted: ${openMs} ms`);
    console.log(`live map, nothing playing (baseline): ${describe(baseline)}`);
    console.log(`live map redrawn every frame:         ${describe(liveRedrawn)}`);
    console.log(`paused, the map redrawn every frame:  ${describe(redrawn)}`);
    console.log(`playing at 1 week/s:                  ${describe(playing)}`);
    const p95 = (deltas: number[]) => quantile(deltas, 0.95);
    console.log(
      `rAF delta p95 ratios: playing / live map ${(p95(playing) / p95(baseline)).toFixed(2)}, playing / live map redrawn ${(p95(playing) / p95(liveRedrawn)).toFixed(2)}, playing / paused redraw ${(p95(playing) / p95(redrawn)).toFixed(2)} (target: playing p95 < 20 ms)`,
    );
    const agreed = checks.filter((check) => check.drawn === check.expected).length;
    console.log(`\n${instants} random instants: drawn == ${k} × open-at at ${agreed} of ${instants}`);
    for (const check of checks) {
      console.log(
        `  ${check.at}  drawn ${String(check.drawn).padStart(6)}  expected ${String(check.expected).padStart(6)}  ${check.drawn === check.expected ? 'ok' : 'MISMATCH'}  (${check.ms} ms to count)`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
