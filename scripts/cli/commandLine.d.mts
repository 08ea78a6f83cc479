import type { parseArgs, ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLineSpec<O extends Options = {}> {
  /** Prefix of error lines: the script's name as people run it (`seed`, `bench:tiles`). */
  name: string;
  /** The usage text; its first line starts with `usage: `. */
  usage: string;
  options?: O;
  /** Allow arguments that are not options (`npm run account -- add …`). */
  positionals?: boolean;
  /** Read nothing but `--help`: every other argument belongs to another program. */
  passThrough?: boolean;
  /** Defaults to `process.argv.slice(2)`. */
  argv?: string[];
}

export type CommandLine<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>;

export function asksForHelp(argv: string[]): boolean;
export function argumentProblem(error: unknown): string;
export function usageError(spec: Pick<CommandLineSpec, 'name' | 'usage'>, message: string): never;
export function readCommandLine<const O extends Options = {}>(spec: CommandLineSpec<O>): CommandLine<O>;
