/**
 * Case write benchmark (issue #13 part 1; figures printed, nothing asserted): on the embedded
 * database and on PostgreSQL (a throw-away database, dropped after), each seeded with the demo
 * county, one in-process server on a real port, `POST /api/cases` and `POST /api/cases/:serial/actions`
 * over HTTP as the web app sends them:
 *
 * - sequential single write latency (one request at a time, median and p99);
 * - the ceiling: writes/s with 32 requests always in flight for a few seconds;
 * - statements per write: the round trips one report and one action make to the database;
 * - the same-run baseline: a bare one-row INSERT in its own transaction, straight on the database
 *   (no HTTP, no triggers), one at a time and 32 in flight, and `GET /health` one at a time (the
 *   HTTP round trip alone) — what a write costs over the machine's floor.
 *
 * The machine's load average is printed with the figures: other work on the two cores moves them.
 * Run: `npm run bench:writes [-- --backend postgres|embedded] [--seconds S]`.
 */
import { loadavg } from 'node:os';
import { readCommandLine, usageError } from '../cli/commandLine.mjs';
import type { Database, Sql } from '../../server/src/db/database.js';
import { percentile } from './percentile.js';

const spec = {
  name: 'bench:writes',
  usage: `usage: npm run bench:writes [-- --backend postgres|embedded|both] [--seconds S] [--sequential N]
  --backend B      which database to measure (default both)
  --seconds S      length of the ceiling run per backend (default 10)
  --sequential N   writes timed one at a time (default 200)
Needs the local PostgreSQL (TEST_POSTGRES_ADMIN_URL) for the postgres backend; prints figures, asserts nothing.`,
  options: {
    backend: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '10' },
    sequential: { type: 'string', default: '200' },
  },
} as const;
const { values } = readCommandLine(spec);
if (!['both', 'postgres', 'embedded'].includes(values.backend)) usageError(spec, `unknown backend "${values.backend}"`);
const ceilingSeconds = Number(values.seconds);
const sequentialWrites = Number(values.sequential);
if (!(ceilingSeconds > 0)) usageError(spec, '--seconds must be a positive number');
if (!(Number.isInteger(sequentialWrites) && sequentialWrites > 0))
  usageError(spec, '--sequential must be a positive integer');
const inFlight = 32;

const { migrate } = await import('../../server/src/db/migrate.js');
const { openPostgres } = await import('../../server/src/db/postgresDatabase.js');
const { openEmbedded } = await import('../../server/src/db/embeddedDatabase.js');
const { seedDemoCounty } = await import('../../server/src/seed/seedDemoCounty.js');
const { buildApp } = await import('../../server/src/app.js');
const { createThrowawayPostgres } = await import('../../tests/support/throwawayPostgres.js');
const { signIn } = await import('../../tests/support/serverProcess.js');

/** Counts the statements of every transaction (what a write costs in round trips). */
function counting(db: Database): { db: Database; statements: () => number; reset: () => void } {
  let count = 0;
  const wrap = (sql: Sql): Sql => {
    const wrapped = ((strings: TemplateStringsArray, ...rest: unknown[]) => {
      count++;
      return sql(strings, ...rest);
    }) as Sql;
    wrapped.query = (query) => (count++, sql.query(query));
    wrapped.exec = (script) => (count++, sql.exec(script));
    return wrapped;
  };
  const counted: Database = {
    kind: db.kind,
    sql: db.sql,
    transaction: (work) => db.transaction((sql) => work(wrap(sql))),
    listen: (...args) => db.listen(...args),
    close: () => db.close(),
  };
  if ('client' in db) Object.assign(counted, { client: (db as { client: unknown }).client });
  return { db: counted, statements: () => count, reset: () => (count = 0) };
}

const uptime = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')}`;

interface Figures {
  backend: string;
  bareP50: number;
  bareCeiling: number;
  healthP50: number;
  sequentialP50: number;
  sequentialP99: number;
  actionP50: number;
  ceiling: number;
  ceilingP99: number;
  errors: number;
  reportStatements: number;
  actionStatements: number;
  load: string;
}

async function measure(backend: 'postgres' | 'embedded'): Promise<Figures> {
  const throwaway = backend === 'postgres' ? await createThrowawayPostgres('gridmap_bench_writes') : null;
  const raw = throwaway ? openPostgres({ url: throwaway.url, max: 10 }) : await openEmbedded();
  try {
    await migrate(raw);
    process.stdout.write(`${backend}: seeding the demo county… `);
    await seedDemoCounty(raw);
    console.log('done');
    const points = await raw.sql<{ lon: number; lat: number }>`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
        SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code) g`;
    const bare = await bareInsert(raw);
    const counted = counting(raw);
    const app = await buildApp({ db: counted.db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const session = await signIn(base, 'admin');
      const headers = {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      };
      let n = 0;
      const report = async (): Promise<{ ms: number; status: number; serial?: string }> => {
        const point = points[n++ % points.length]!;
        const started = performance.now();
        const reply = await fetch(`${base}/api/cases`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ category: 'neighbour_dispute', summary: '测试写入', lon: point.lon, lat: point.lat }),
        });
        const body = (await reply.json()) as { serial?: string };
        return {
          ms: performance.now() - started,
          status: reply.status,
          ...(body.serial ? { serial: body.serial } : {}),
        };
      };
      const accept = async (serial: string) => {
        const started = performance.now();
        const reply = await fetch(`${base}/api/cases/${serial}/actions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ action: 'accept' }),
        });
        await reply.arrayBuffer();
        return { ms: performance.now() - started, status: reply.status };
      };
      // Warm-up, and the statements of one report and one action.
      for (let i = 0; i < 20; i++) await report();
      counted.reset();
      const one = await report();
      if (one.status !== 201) throw new Error(`a report answered ${one.status}`);
      const reportStatements = counted.statements();
      counted.reset();
      const acted = await accept(one.serial!);
      if (acted.status !== 200) throw new Error(`an accept answered ${acted.status}`);
      const actionStatements = counted.statements();

      const healthTimes: number[] = [];
      for (let i = 0; i < sequentialWrites; i++) {
        const started = performance.now();
        await (await fetch(`${base}/health`)).arrayBuffer();
        healthTimes.push(performance.now() - started);
      }
      healthTimes.sort((a, b) => a - b);

      const times: number[] = [];
      const serials: string[] = [];
      for (let i = 0; i < sequentialWrites; i++) {
        const r = await report();
        times.push(r.ms);
        if (r.serial) serials.push(r.serial);
      }
      times.sort((a, b) => a - b);
      const actionTimes: number[] = [];
      for (const serial of serials.slice(0, Math.min(100, serials.length))) actionTimes.push((await accept(serial)).ms);
      actionTimes.sort((a, b) => a - b);

      const until = performance.now() + ceilingSeconds * 1000;
      const ceilingTimes: number[] = [];
      let errors = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (performance.now() < until) {
            const r = await report();
            if (r.status === 201) ceilingTimes.push(r.ms);
            else errors++;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      ceilingTimes.sort((a, b) => a - b);
      return {
        backend,
        bareP50: bare.p50,
        bareCeiling: bare.ceiling,
        healthP50: percentile(healthTimes, 50),
        sequentialP50: percentile(times, 50),
        sequentialP99: percentile(times, 99),
        actionP50: percentile(actionTimes, 50),
        ceiling: ceilingTimes.length / elapsed,
        ceilingP99: percentile(ceilingTimes, 99),
        errors,
        reportStatements,
        actionStatements,
        load: uptime(),
      };
    } finally {
      await app.close();
    }
  } finally {
    await raw.close();
    await throwaway?.drop();
  }
}

/** The floor: a one-row INSERT in its own transaction into a table with no trigger, one at a time and 32 in flight. */
async function bareInsert(db: Database): Promise<{ p50: number; ceiling: number }> {
  await db.sql`CREATE TABLE bench_bare_writes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz, body text)`;
  const write = () =>
    db.transaction((sql) => sql`INSERT INTO bench_bare_writes (at, body) VALUES (now(), ${'测试写入'})`);
  for (let i = 0; i < 20; i++) await write();
  const times: number[] = [];
  for (let i = 0; i < sequentialWrites; i++) {
    const started = performance.now();
    await write();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  let done = 0;
  const started = performance.now();
  const until = started + Math.min(ceilingSeconds, 3) * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await write();
        done++;
      }
    }),
  );
  const ceiling = done / ((performance.now() - started) / 1000);
  await db.sql`DROP TABLE bench_bare_writes`;
  return { p50: percentile(times, 50), ceiling };
}

const backends =
  values.backend === 'both' ? (['embedded', 'postgres'] as const) : [values.backend as 'postgres' | 'embedded'];
const results: Figures[] = [];
for (const backend of backends) results.push(await measure(backend));
const f = (ms: number) => `${ms.toFixed(1)} ms`;
console.log('');
console.log(
  `| backend | report, sequential p50 / p99 | accept p50 | ceiling (${inFlight} in flight) | ceiling p99 | errors | statements per report / accept |`,
);
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.backend} | ${f(r.sequentialP50)} / ${f(r.sequentialP99)} | ${f(r.actionP50)} | ${r.ceiling.toFixed(0)} writes/s | ${f(r.ceilingP99)} | ${r.errors} | ${r.reportStatements} / ${r.actionStatements} |`,
  );
}
console.log('');
console.log('Same-run baseline: a bare one-row INSERT transaction on the database, and GET /health over HTTP.');
console.log(
  '| backend | bare INSERT p50 | bare INSERT ceiling | GET /health p50 | report p50 ÷ (bare + health) | ceiling ÷ bare ceiling |',
);
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.backend} | ${f(r.bareP50)} | ${r.bareCeiling.toFixed(0)} /s | ${f(r.healthP50)} | ${(r.sequentialP50 / (r.bareP50 + r.healthP50)).toFixed(1)}× | ${(r.ceiling / r.bareCeiling).toFixed(2)} |`,
  );
}
console.log('');
for (const r of results) console.log(`load during ${r.backend}: ${r.load}`);
console.log('(the machine is shared: read the figures with the load beside them)');
