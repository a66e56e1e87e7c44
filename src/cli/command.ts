import type { ExitCode } from './exitCodes';
import type { Output } from './output';
import type { Terminal } from './terminal';

/** What every command gets from `main`. */
export interface CliContext {
  output: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Where questions are asked; absent or not interactive in pipes and scripts. */
  terminal?: Terminal;
}

/** One subcommand: its name, a one-line summary for the overview, its `--help` text and its handler. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], context: CliContext): Promise<ExitCode>;
}
