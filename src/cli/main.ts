/**
 * `runcomfy-images`: the headless CLI, built from the same core as the extension. Dispatches to a command,
 * prints help and version, and turns every error into a message on stderr and a documented exit code.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliContext, Command } from './command';
import { fillCommand } from './commands/fill';
import { editCommand } from './commands/edit';
import { generateCommand } from './commands/generate';
import { modelsCommand } from './commands/models';
import { cancelCommand, resultCommand, statusCommand } from './commands/requestCommands';
import { upgradeCommand } from './commands/upgrade';
import { TOKEN_VARIABLE } from './environment';
import { EXIT, EXIT_TABLE, exitCodeFor, UsageError, type ExitCode } from './exitCodes';
import { Output } from './output';
import { describeError } from './report';
import { processTerminal } from './terminal';

const COMMANDS: readonly Command[] = [generateCommand, editCommand, fillCommand, upgradeCommand, statusCommand, resultCommand, cancelCommand, modelsCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: runcomfy-images <command> [options]

Generates images with RunComfy's Model API (or offline placeholders) and saves them into your project,
following the project's .vscode/settings.json (runcomfy.*) like the RunComfy Images extension.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "runcomfy-images <command> --help" for a command's options and examples.

Environment:
  RUNCOMFY_API_TOKEN   your API token (runcomfy.com → Profile → API Token); never a flag, never printed
  RUNCOMFY_BASE_URL    the Model API address (default https://model-api.runcomfy.net)

Exit codes:
${EXIT_TABLE.map(([code, name, when]) => `  ${String(code).padStart(3)}  ${name.padEnd(18)} ${when}`).join('\n')}

Examples:
  export RUNCOMFY_API_TOKEN=…
  runcomfy-images generate "a hummingbird sipping nectar, watercolor"
  runcomfy-images fill --dry-run docs/
  runcomfy-images fill --offline README.md
  runcomfy-images upgrade --dry-run
  runcomfy-images status <request-id>`;
}

/** The package version, read beside the bundle (dist/cli.js → package.json). */
function readVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[], context: CliContext): Promise<ExitCode> {
  const { output } = context;
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.info(overview());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    output.result(topic ? topic.help : overview());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    output.result(context.version);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    if (rest.includes('--help') || rest.includes('-h')) {
      output.result(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, context);
  } catch (error) {
    const code = exitCodeFor(error);
    output.error(describeError(error));
    if (code === EXIT.usage) output.info(`Run "runcomfy-images ${command ? `${command.name} ` : ''}--help" for usage.`);
    else if (code === EXIT.failure && error instanceof Error && error.stack) output.info(error.stack);
    return code;
  }
}

if (require.main === module) {
  // `runcomfy-images generate … | head -1`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  const env = process.env;
  const output = new Output(process.stdout, process.stderr, () => [env[TOKEN_VARIABLE]?.trim()]);
  const terminal = processTerminal(process.stdin, process.stderr);
  void main(process.argv.slice(2), { output, cwd: process.cwd(), env, version: readVersion(), terminal }).then((code) => {
    process.exitCode = code;
    // Kept-alive sockets or a stray timer must not hold a finished command open.
    setTimeout(() => process.exit(code), 1000).unref();
  });
}
