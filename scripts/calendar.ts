// `npm run calendar -- import <file>`: loads one year's holiday arrangement (the State Council's
//   国务院办公厅关于节假日安排的通知, usually published in November for the next year) from a JSON file
//   `{ "year": 2027, "holidays": ["2027-01-01", …], "workdays": ["2027-02-06", …] }`. The same checks,
//   deadline shift, audit entry and live event as PUT /api/calendar/years/:year: running instances on
//   the same PostgreSQL database apply it at once.
// `npm run calendar -- status`: how far ahead the calendar is known, and the loaded years.
// `npm run calendar -- withdraw <year>`: removes a loaded year (the bundled data applies again).
import { readFileSync } from 'node:fs';
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { checkArrangement } from '../server/src/domain/calendarArrangement.js';
import { calendarWithYears } from '../server/src/domain/holidayCalendar.js';
import { arrangementsByYear, listCalendarYears } from '../server/src/repos/calendar/calendarRepo.js';
import { changeCalendarYear } from '../server/src/repos/calendar/calendarChange.js';
import { calendarCoverage, calendarWarning } from '../server/src/domain/calendarCoverage.js';

const usage = `usage: npm run calendar -- import <file.json>
       npm run calendar -- status | withdraw <year>
The file: { "year": 2027, "holidays": ["2027-01-01", …], "workdays": ["2027-02-06", …] } — every
statutory holiday date (weekend days inside a holiday included) and the make-up weekend workdays.
On the embedded database stop the server first (one process per data directory), or use
PUT /api/calendar/years/<year> as the county administrator.`;

const commandLine = { name: 'calendar', usage };
const [command, ...args] = readCommandLine({ ...commandLine, positionals: true }).positionals;

function fail(message: string): never {
  console.error(`calendar: ${message}`);
  process.exit(1);
}

function readArrangementFile(path: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  const file = parsed as { year?: unknown; holidays?: unknown; workdays?: unknown };
  const strings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (typeof file !== 'object' || file === null || typeof file.year !== 'number' || !strings(file.holidays)) {
    fail(`${path}: expected { "year": 2027, "holidays": [dates], "workdays": [dates] }`);
  }
  if (file.workdays !== undefined && !strings(file.workdays)) fail(`${path}: "workdays" must be a list of dates`);
  const checked = checkArrangement(file.year, {
    holidays: file.holidays as string[],
    workdays: (file.workdays as string[] | undefined) ?? [],
  });
  if (!checked.ok) fail(`${path}: ${checked.problem}; nothing stored`);
  return { year: file.year, arrangement: checked.arrangement };
}

if (!command || !['import', 'status', 'withdraw'].includes(command)) {
  usageError(commandLine, command ? `unknown command "${command}"` : 'which command?');
}
if (command !== 'status' && args.length !== 1) usageError(commandLine, `${command} takes one argument`);
// The file is checked before the database is opened: a bad file changes nothing and costs nothing.
const load = command === 'import' ? readArrangementFile(args[0]!) : null;
const withdrawn = command === 'withdraw' ? Number(args[0]) : null;
if (withdrawn !== null && !Number.isInteger(withdrawn)) usageError(commandLine, `"${args[0]}" is not a year`);

loadEnvFile();
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  if (load) {
    const change = await changeCalendarYear(db, load.year, load.arrangement, null);
    console.log(
      `calendar: ${load.year} loaded (${load.arrangement.holidays.length} holidays, ${load.arrangement.workdays.length} make-up workdays); ` +
        `${change.movedCases.length} open case deadlines moved`,
    );
  } else if (withdrawn !== null) {
    const change = await changeCalendarYear(db, withdrawn, null, null);
    if (!change.changed) fail(`${withdrawn} was not loaded`);
    console.log(`calendar: ${withdrawn} withdrawn; ${change.movedCases.length} open case deadlines moved`);
  }
  const years = await listCalendarYears(db.sql);
  const coverage = calendarCoverage(calendarWithYears(arrangementsByYear(years)), new Date());
  console.log(`calendar: covered until ${coverage.coveredUntil ?? '(nothing)'}`);
  for (const year of years)
    console.log(`  ${year.year} loaded ${year.loadedAt} by ${year.loadedBy ?? '(command line)'}`);
  const warning = calendarWarning(coverage);
  if (warning) console.warn(`calendar: warning: ${warning}`);
} finally {
  await db.close();
}
