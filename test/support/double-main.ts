/**
 * Runs the RunComfy test double on its own (used by `npm start`): prints the base URL and the token, then
 * serves until interrupted. `node out/test/support/double-main.js [--token T] [--queue-ms N] [--run-ms N]
 * [--scenario NAME] [--accept-any-model]`. Put `[scenario:NAME]` in a prompt to pick a fault per job.
 */
import { parseArgs } from 'node:util';
import { isScenarioName, scenarioNames } from './doubleScenarios';
import { startRunComfyDouble } from './runcomfyDouble';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      token: { type: 'string' },
      'queue-ms': { type: 'string' },
      'run-ms': { type: 'string' },
      scenario: { type: 'string' },
      'accept-any-model': { type: 'boolean' },
    },
  });
  if (values.scenario !== undefined && !isScenarioName(values.scenario)) {
    throw new Error(`Unknown scenario "${values.scenario}"; one of: ${scenarioNames.join(', ')}`);
  }
  const double = await startRunComfyDouble({
    token: values.token,
    queueMs: values['queue-ms'] === undefined ? undefined : Number(values['queue-ms']),
    runMs: values['run-ms'] === undefined ? undefined : Number(values['run-ms']),
    scenario: values.scenario,
    acceptAnyModel: values['accept-any-model'],
  });
  process.stdout.write(`RunComfy test double\n  base URL: ${double.baseUrl}\n  token:    ${double.token}\n  files:    ${double.filesBaseUrl}\n`);
  const stop = () => void double.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
