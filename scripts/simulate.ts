// `npm run simulate -- --rate N [--url http://127.0.0.1:8080] [--duration S] [--seed S] [--action-delay S]`
//
// Drives a running gridmap server through its REST API (never the database) with a live-looking
// stream, for demos of the wall and the map: N new case reports a minute (Poisson), from villages
// weighted by households and categories weighted as field reports come in; the cases it made (and
// the open cases it found at start) then move through accept → mediate → resolve / escalate →
// close / reopen, a step every --action-delay seconds on average. Prints what it did every five
// seconds. Stops on Ctrl-C / SIGTERM or after --duration, after its requests in flight have
// answered. Alongside, on a clock running --rate times faster than real time, cameras drop offline
// and come back hours later (POST /api/cameras/:id/status) and villages record their morning and
// afternoon online patrols (POST /api/patrols) — see simulate/fieldStream.ts.
import type { CaseRecord } from '../server/src/contract/cases.js';
import type { CaseLevel } from '../server/src/domain/caseLevel.js';
import type { CaseStatus } from '../server/src/domain/caseLifecycle.js';
import type { CaseCategoryList } from '../server/src/contract/caseCategories.js';
import type { CaseCollection } from '../server/src/contract/cases.js';
import { mulberry32 } from '../server/src/seed/seededRandom.js';
import {
  CATEGORY_WEIGHTS,
  exponentialDelayMs,
  nextCaseAction,
  pickWeighted,
  SUMMARIES,
  UNKNOWN_CATEGORY_WEIGHT,
  type SimulatedAction,
} from './simulate/caseStream.js';
import type { CameraCollection } from '../server/src/contract/cameras.js';
import { CountyPlaces } from './simulate/countyPlaces.js';
import { FieldStream, type FieldAction } from './simulate/fieldStream.js';
import { GridmapClient, UnreachableError } from './simulate/gridmapClient.js';
import { isLoopback, parseSimulateOptions } from './simulate/simulateOptions.js';
import { argumentProblem, readCommandLine, usageError } from './cli/commandLine.mjs';
import { loadEnvFile } from '../server/src/config.js';
import { SimulationTally } from './simulate/simulationTally.js';

/** Requests at once: a demo stream, not a load test (scripts/bench/ is for that). */
const MAX_IN_FLIGHT = 8;
/** Cases the simulator keeps moving; reports beyond this stay open for people to handle. */
const MAX_TRACKED_CASES = 500;
const PRINT_EVERY_MS = 5_000;

const NOTES: Partial<Record<SimulatedAction, string>> = {
  mediate: '调解员已上门了解情况',
  resolve: '双方达成调解协议',
  escalate: '本级调解未果，上报上一级',
  close: '回访群众满意',
  reopen: '回访发现协议未履行',
  void: '重复上报',
};

interface TrackedCase {
  serial: string;
  status: CaseStatus;
  level: CaseLevel;
  /** When its next step is due (ms since epoch); Infinity while a request for it is in flight. */
  dueAt: number;
}

const commandLine = {
  name: 'simulate',
  usage: `usage: npm run simulate -- --rate N [--url http://127.0.0.1:8080] [--duration S] [--seed S] [--action-delay S]
  --rate N            new case reports a minute (required; at most 600)
  --url U             the running gridmap server (default http://127.0.0.1:8080)
  --duration S        stop after S seconds (default: run until Ctrl-C)
  --seed S            random seed (default: the clock)
  --action-delay S    mean seconds between a case's steps (default 20)
Signs in as GRIDMAP_SIMULATE_USER / GRIDMAP_SIMULATE_PASSWORD (default admin / the demo password; .env is read).`,
};
// parseSimulateOptions reads the options (and is unit-tested); here only --help is handled first.
readCommandLine({ ...commandLine, passThrough: true });
const parsed = parseSimulateOptions(process.argv.slice(2));
if (!parsed.ok) usageError(commandLine, argumentProblem(parsed.message));
loadEnvFile();
const options = parsed.options;
const random = mulberry32(options.seed);
const client = new GridmapClient(options.baseUrl);
const tally = new SimulationTally();
const tracked = new Map<string, TrackedCase>();
const inFlight = new Set<Promise<void>>();
const stopper = new AbortController();
const clock = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });

if (!isLoopback(options.baseUrl))
  console.log(`simulate: note: ${options.baseUrl.origin} is not this machine; it was configured, so it is used`);

const health = await client.get<{ ok: boolean }>('/health').catch((error: Error) => error);
if (health instanceof Error || health.status !== 200) {
  console.error(
    `simulate: no gridmap server answers at ${options.baseUrl.origin} (${health instanceof Error ? health.message : `HTTP ${health.status}`}); start it with npm start`,
  );
  process.exit(1);
}
// The simulator acts as a demo account (the county administrator unless GRIDMAP_SIMULATE_USER says).
const simulateUser = process.env.GRIDMAP_SIMULATE_USER ?? 'admin';
const signedIn = await client.signIn(simulateUser, process.env.GRIDMAP_SIMULATE_PASSWORD ?? 'gridmap-demo');
if (signedIn.status !== 200) {
  console.error(
    `simulate: signing in as ${simulateUser} failed (HTTP ${signedIn.status}); set GRIDMAP_SIMULATE_USER / GRIDMAP_SIMULATE_PASSWORD`,
  );
  process.exit(1);
}
const categoriesReply = await client.get<CaseCategoryList>('/api/case-categories');
if (categoriesReply.status !== 200 || categoriesReply.body.length === 0) {
  console.error(`simulate: the server lists no case categories (HTTP ${categoriesReply.status})`);
  process.exit(1);
}
const categories = categoriesReply.body;
const loading = performance.now();
const places = await CountyPlaces.load(client);
const openReply = await client.get<CaseCollection>(`/api/cases?grid=620724&status=open&limit=${MAX_TRACKED_CASES}`);
const meanActionMs = options.actionDelayS * 1000;
if (openReply.status === 200) {
  for (const feature of openReply.body.features) {
    const { serial, status, level } = feature.properties;
    tracked.set(serial, { serial, status, level, dueAt: Date.now() + exponentialDelayMs(meanActionMs, random) });
  }
}
const camerasReply = await client.get<CameraCollection>('/api/cameras?grid=620724&limit=50000');
const cameras = camerasReply.status === 200 ? camerasReply.body.features.map((feature) => feature.properties) : [];
const field = new FieldStream(
  cameras,
  places.villages.map((village) => village.code),
  Date.now(),
  options.ratePerMinute,
  random,
);
/** Field actions that are due but wait for a free request slot. */
const fieldBacklog: FieldAction[] = [];
console.log(
  `simulate: ${options.baseUrl.origin} · ${options.ratePerMinute} reports/min · a step every ~${options.actionDelayS} s per case · ` +
    `${places.villages.length} villages · ${tracked.size} open cases picked up · seed ${options.seed} · ` +
    `${options.durationS === null ? 'until Ctrl-C' : `for ${options.durationS} s`} (loaded in ${((performance.now() - loading) / 1000).toFixed(1)} s)`,
);
console.log(
  `simulate: field clock ×${options.ratePerMinute} · ${cameras.length} cameras (${field.offlineCount} offline) · ` +
    `${places.villages.length} villages patrolling am and pm`,
);

const stop = (why: string) => {
  if (stopper.signal.aborted) return;
  console.log(`\nsimulate: ${why}; waiting for ${inFlight.size} request(s) in flight…`);
  stopper.abort();
};
process.once('SIGINT', () => {
  stop('Ctrl-C');
  process.once('SIGINT', () => process.exit(130));
});
process.once('SIGTERM', () => stop('SIGTERM'));
if (options.durationS !== null)
  setTimeout(() => stop(`${options.durationS} s are up`), options.durationS * 1000).unref();

/** Runs `work` in the background, counted, so that stopping can wait for it. */
function launch(work: () => Promise<void>): void {
  const running: Promise<void> = work()
    .catch((error: Error) => {
      tally.count(error instanceof UnreachableError ? 'unreachable' : 'failed');
      if (!(error instanceof UnreachableError)) console.error(`simulate: ${error.message}`);
    })
    .finally(() => inFlight.delete(running));
  inFlight.add(running);
}

async function reportCase(): Promise<void> {
  const category = pickWeighted(categories, (item) => CATEGORY_WEIGHTS[item.code] ?? UNKNOWN_CATEGORY_WEIGHT, random);
  const place = places.pick(random);
  const lines = SUMMARIES[category.code] ?? ['群众反映问题'];
  const summary = `${place.village.name}：${lines[Math.floor(random() * lines.length)]}`;
  const reply = await client.post<CaseRecord>('/api/cases', {
    lon: place.lon,
    lat: place.lat,
    category: category.code,
    summary,
  });
  if (reply.status !== 201) {
    tally.count(`report refused (${reply.status})`);
    return;
  }
  tally.count('reported');
  if (tracked.size < MAX_TRACKED_CASES) {
    const { serial, status, level } = reply.body;
    tracked.set(serial, { serial, status, level, dueAt: Date.now() + exponentialDelayMs(meanActionMs, random) });
  }
}

async function actOn(item: TrackedCase, action: SimulatedAction): Promise<void> {
  const note = NOTES[action];
  const reply = await client.post<CaseRecord & { reason?: string }>(`/api/cases/${item.serial}/actions`, {
    action,
    ...(note ? { note } : {}),
  });
  if (reply.status === 200) {
    tally.count(action);
    follow(item, reply.body.status, reply.body.level);
  } else if (reply.status === 409) {
    // Someone else (a person in the UI, the automatic escalation) moved the case first: catch up.
    tally.count('refused');
    const current = await client.get<CaseRecord>(`/api/cases/${item.serial}`);
    if (current.status === 200) follow(item, current.body.status, current.body.level);
    else tracked.delete(item.serial);
  } else {
    tally.count(`${action} failed (${reply.status})`);
    tracked.delete(item.serial);
  }
}

async function reportField(action: FieldAction): Promise<void> {
  if (action.type === 'camera') {
    const reply = await client.post<{ changed: boolean }>(`/api/cameras/${action.id}/status`, {
      status: action.status,
    });
    if (reply.status === 200) tally.count(action.status === 'offline' ? 'camera offline' : 'camera online');
    else tally.count(`camera status failed (${reply.status})`);
    return;
  }
  const { villageCode, slot, day } = action;
  const reply = await client.post('/api/patrols', { villageCode, slot, day });
  if (reply.status === 201) tally.count(`patrol ${slot}`);
  // 409: someone (a person, or an earlier run) recorded this slot already.
  else tally.count(reply.status === 409 ? 'patrol already done' : `patrol failed (${reply.status})`);
}

function follow(item: TrackedCase, status: CaseStatus, level: CaseLevel): void {
  item.status = status;
  item.level = level;
  item.dueAt = Date.now() + exponentialDelayMs(meanActionMs, random);
  if (nextCaseAction(status, level, () => 0.5) === null) tracked.delete(item.serial);
}

/** Waits `ms`, or less if the simulation is stopped meanwhile. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    stopper.signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      stopper.signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

let nextReportAt = Date.now() + exponentialDelayMs(60_000 / options.ratePerMinute, random);
let nextPrintAt = Date.now() + PRINT_EVERY_MS;
while (!stopper.signal.aborted) {
  const now = Date.now();
  if (now >= nextPrintAt) {
    console.log(`${clock()}  ${tally.takeWindow()}  | moving ${tracked.size} cases, ${inFlight.size} in flight`);
    nextPrintAt += PRINT_EVERY_MS;
  }
  if (inFlight.size >= MAX_IN_FLIGHT) {
    // A slow server slows the stream down rather than piling requests up.
    await Promise.race([...inFlight, pause(PRINT_EVERY_MS)]);
    continue;
  }
  if (now >= field.nextDueMs()) fieldBacklog.push(...field.takeDue(now));
  const fieldAction = fieldBacklog.shift();
  if (fieldAction) {
    launch(() => reportField(fieldAction));
    continue;
  }
  if (now >= nextReportAt) {
    launch(reportCase);
    nextReportAt += exponentialDelayMs(60_000 / options.ratePerMinute, random);
    continue;
  }
  const due = [...tracked.values()].find((item) => item.dueAt <= now);
  if (due) {
    const action = nextCaseAction(due.status, due.level, random);
    if (action === null) tracked.delete(due.serial);
    else {
      due.dueAt = Infinity;
      launch(() => actOn(due, action));
    }
    continue;
  }
  const nextDue = Math.min(
    nextReportAt,
    nextPrintAt,
    field.nextDueMs(),
    ...[...tracked.values()].map((item) => item.dueAt),
  );
  await pause(nextDue - now);
}

await Promise.allSettled([...inFlight]);
console.log(`${clock()}  ${tally.takeWindow()}`);
console.log(`simulate: stopped. In total: ${tally.totals()}`);
