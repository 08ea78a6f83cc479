/**
 * Drill-step probe (figures printed, nothing asserted). Starts the built app (`npm run build`
 * first) on a fresh embedded database, as the browser tests do, opens it in Chromium signed in as
 * the county administrator and drills county → town → village → group by clicking the child list,
 * N times over different grids. Each step is timed from the click to the map framed on the grid
 * (its camera settled and the frame drawn: `data-drilled`) and the dossier filled (`data-state`);
 * the dossier's own request is timed from the page too, so the share the server takes shows.
 *
 * Run: `npm run bench:drill` (DRILL_BENCH_ROUNDS, default 5; CHROMIUM_PATH, default /usr/bin/chromium;
 * DRILL_BENCH_URL=http://127.0.0.1:8080 to probe a server already running, e.g. `npm start`).
 * The map animates each fit over 600 ms: a step cannot take less, and that is by design (the eye
 * follows where it went). A step is "slow" past ~1.5 s on a desk machine.
 */
import type { Page } from 'playwright-core';
import { adminBenchPage, benchServer, launchBenchChromium } from './benchBrowser.js';
import { readCommandLine } from '../cli/commandLine.mjs';

readCommandLine({
  name: 'bench:drill',
  usage: `usage: npm run bench:drill   (build first: npm run build)
  DRILL_BENCH_ROUNDS=N            drill rounds (default 5)
  DRILL_BENCH_URL=http://…:8080   probe a server already running instead of a fresh one
  CHROMIUM_PATH=…                 the browser (default /usr/bin/chromium)
Prints figures, asserts nothing.`,
});
const rounds = Number(process.env.DRILL_BENCH_ROUNDS ?? 5);
const levels = ['town', 'village', 'group'] as const;

interface Step {
  totalMs: number;
  /** Click → the dossier of the grid on screen. */
  dossierMs: number;
  /** Click → the map framed on the grid, its tiles drawn. */
  mapMs: number;
  dossierRequestMs: number | null;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function waitDrilled(page: Page, code: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="map"]')?.getAttribute('data-drilled') === wanted &&
      document.querySelector(`[data-testid="dossier"][data-code="${wanted}"][data-state="ready"]`) !== null,
    code,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Clicks the child `index` of the list (wrapping) and times the step; returns the code drilled to. */
async function drillStep(page: Page, index: number): Promise<{ code: string; step: Step }> {
  const links = page.locator('[data-testid="child-list"] a[data-code]');
  const count = await links.count();
  const link = links.nth(index % count);
  const code = (await link.getAttribute('data-code'))!;
  const started = Date.now();
  const dossierReply = page.waitForResponse((reply) => reply.url().endsWith(`/api/grids/${code}/dossier`));
  const since = () => Date.now() - started;
  const dossierShown = page
    .waitForSelector(`[data-testid="dossier"][data-code="${code}"][data-state="ready"]`, { timeout: 60_000 })
    .then(since);
  const mapFramed = page
    .waitForSelector(`[data-testid="map"][data-drilled="${code}"]`, { state: 'attached', timeout: 60_000 })
    .then(since);
  await link.click();
  const reply = await dossierReply;
  const [dossierMs, mapMs] = await Promise.all([dossierShown, mapFramed]);
  const totalMs = Math.max(dossierMs, mapMs);
  const timing = reply.request().timing();
  const dossierRequestMs = timing.responseEnd > 0 ? timing.responseEnd - timing.requestStart : null;
  return { code, step: { totalMs, dossierMs, mapMs, dossierRequestMs } };
}

async function main(): Promise<void> {
  const server = await benchServer('DRILL_BENCH_URL');
  const browser = await launchBenchChromium();
  try {
    const page = await adminBenchPage(browser, server.baseUrl);
    const opened = Date.now();
    await page.goto(`${server.baseUrl}/`);
    await waitDrilled(page, '620724');
    console.log(`first county view (page load → map framed, dossier filled): ${Date.now() - opened} ms`);

    const steps: Record<(typeof levels)[number], Step[]> = { town: [], village: [], group: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const level of levels) {
        const { step } = await drillStep(page, round);
        steps[level].push(step);
      }
      // Back to the county through the first crumb (not timed).
      await page.locator('[data-testid="crumbs"] a').first().click();
      await waitDrilled(page, '620724');
    }

    console.log(`\ndrill step, click → map framed and dossier filled (median of ${rounds}; fit animation 600 ms)`);
    console.log('step          total ms   dossier shown ms   map framed ms   dossier request ms');
    const column = (value: number, width: number) => value.toFixed(0).padStart(width);
    for (const level of levels) {
      const of = (pick: (step: Step) => number | null) =>
        median(steps[level].map(pick).filter((ms): ms is number => ms !== null));
      console.log(
        `${`→ ${level}`.padEnd(12)} ${column(
          of((step) => step.totalMs),
          9,
        )}   ${column(
          of((step) => step.dossierMs),
          16,
        )}   ${column(
          of((step) => step.mapMs),
          13,
        )}   ${column(
          of((step) => step.dossierRequestMs),
          18,
        )}`,
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
