import type { ExitCode } from './exitCodes';
import type { Output } from './output';

/** What every command gets from `main`. */
export interface CliContext {
  output: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  version: string;
}

/** One subcommand: its name, a one-line summary for the overview, its `--help` text and its handler. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], context: CliContext): Promise<ExitCode>;
}
