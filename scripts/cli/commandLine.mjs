// The command line of every script (`npm run <script> -- …`), one convention for all: `--help` / `-h`
// prints the usage and exits 0 before anything opens (no database, no server); an unknown flag or a
// bad value is one line `<script>: <what is wrong>` on stderr, then the usage, exit code 2.
// Plain JavaScript so that scripts/start.mjs and scripts/test.mjs (run by node, not tsx) use it too;
// the types are in commandLine.d.mts.
import { parseArgs } from 'node:util';

/** True when `argv` asks for help (before a `--`, after which arguments belong to someone else). */
export function asksForHelp(argv) {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** Prints `<name>: <message>` and the usage on stderr and exits 2. */
export function usageError(spec, message) {
  process.stderr.write(`${spec.name}: ${message}\n${spec.usage.trimEnd()}\n`);
  process.exit(2);
}

/**
 * Handles `--help`, then parses the options strictly (node:util parseArgs). With `passThrough`
 * nothing but `--help` is read: the arguments are another program's (scripts/test.mjs → vitest).
 */
export function readCommandLine(spec) {
  const argv = spec.argv ?? process.argv.slice(2);
  if (asksForHelp(argv)) {
    process.stdout.write(`${spec.usage.trimEnd()}\n`);
    process.exit(0);
  }
  if (spec.passThrough) return { values: {}, positionals: argv };
  try {
    return parseArgs({
      args: argv,
      options: spec.options ?? {},
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    return usageError(spec, argumentProblem(error));
  }
}

/** parseArgs's error (or its message), shortened to what the person typed wrong. */
export function argumentProblem(error) {
  const message = String(error?.message ?? error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const positional = /^Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}"`;
  const missing = /^Option '([^']+)' argument missing/.exec(message);
  if (missing) return `${missing[1].replace(/^-., /, '')} needs a value`;
  const valueless = /^Option '([^']+)' does not take an argument/.exec(message);
  if (valueless) return `${valueless[1].replace(/^-., /, '')} takes no value`;
  return message.split('\n')[0];
}
