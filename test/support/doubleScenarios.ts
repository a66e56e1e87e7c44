/**
 * The test double's scenario switches. A scenario is picked per job, in this order: a magic word in the
 * prompt (`[scenario:NAME]` or `[scenario:NAME:COUNT]`), else the double's current scenario (the
 * `scenario` option or `setScenario`), else `ok`. `[queue:MS]` and `[run:MS]` in a prompt set that job's
 * timeline. Faults with a COUNT hit that many requests of the job, then the job behaves normally.
 *
 * | name | what the double does |
 * | --- | --- |
 * | ok | `output.image`: a PNG of the requested width×height (default 1024×1024) |
 * | images | `output.images: [url]` |
 * | multiple | `output.images` with COUNT PNGs (default 2) |
 * | jpeg, webp, gif | `output.image` in that format |
 * | video | `output.video`: an MP4 |
 * | failed | `/result` `failed` with `error: {type, message}` (content policy); `/status` says `completed` |
 * | failed-string | the same with `error` as a plain string |
 * | failed-on-status | `/status` says `failed` too |
 * | error-code-200 | submit answers HTTP 200 with `{error_code: 400002, error_message}` |
 * | unauthorized | submit answers 401 (a wrong or missing token always does) |
 * | auth-400004 | submit answers 400 with `error_code: 400004` |
 * | no-balance | submit answers 400 with `error_code: 400002`; `no-balance-402` answers 402 |
 * | unknown-model | submit answers 400 with `error_code: 400001` (unknown model ids always do, unless `acceptAnyModel`) |
 * | invalid-input | submit answers 422 with `detail: [{loc: ["body", "width"], msg, type}]` |
 * | expired | polls (`/status`, `/result`) answer 404 with `error_code: 404001` |
 * | rate-limited | the first COUNT polls (default 1) answer 429 with `Retry-After: 1` |
 * | rate-limited-date | the same with `Retry-After` as an HTTP date 2 s ahead |
 * | server-errors | the first COUNT polls (default 2) answer 503 |
 * | submit-500 | submit creates the job, then answers 500 |
 * | submit-reset | submit creates the job, then drops the connection |
 * | reset | the first COUNT polls (default 1) get their connection dropped |
 * | malformed-json | polls answer 200 with truncated JSON (COUNT, default every poll) |
 * | html | polls answer 200 with an HTML page, as a captive portal would (COUNT, default every poll) |
 * | echo-token | `/result` `failed` with a reason quoting the Authorization header and the token URL-encoded |
 * | echo-token-text | polls answer 200 with plain text quoting the header JSON-escaped and the token URL-encoded |
 * | huge-reply | polls answer 200 with 8 MB of JSON, streamed without Content-Length (COUNT, default every poll) |
 * | retry-after-hint | poll replies carry `Retry-After: 1` |
 * | foreign-urls | `status_url`/`result_url`/`cancel_url` point at the file server's origin |
 * | truncated-download | the file is cut off after half its Content-Length (COUNT downloads, default all) |
 * | oversized-download | the file is 3 MB, sent without Content-Length |
 * | oversized-declared | the file declares a 3 MB Content-Length |
 * | html-download | the file URL answers 200 with an HTML page |
 * | redirect-download | the file URL first redirects (302) to a signed URL of the same file |
 * | slow-download | the file sends its first bytes, then stalls for 30 s |
 * | trickle-download | the file sends one byte every 100 ms, never stalling long enough for an idle timeout |
 * | short-download | the file stops half-way, with a Content-Length that matches what was sent (a lying host) |
 * | partial-download | `output.images` with 3 PNGs; the 2nd answers 404 the first COUNT times (default 1) |
 * | no-output | `/result` succeeds with an empty `output` object |
 * | large-file | the file is a PNG-signed COUNT MiB (default 50), generated as it streams (memory benchmarks) |
 * | no-cost | `/result` leaves out `cost` even with `include_cost=true` (as the real service may) |
 *
 * `/result?include_cost=true` adds a top-level `cost` in USD (the model's base price × outputs, or × the
 * seconds asked for); models without a price, and the `no-cost` scenario, leave it out.
 */

export const scenarioNames = [
  'ok',
  'images',
  'multiple',
  'jpeg',
  'webp',
  'gif',
  'video',
  'failed',
  'failed-string',
  'failed-on-status',
  'error-code-200',
  'unauthorized',
  'auth-400004',
  'no-balance',
  'no-balance-402',
  'unknown-model',
  'invalid-input',
  'expired',
  'rate-limited',
  'rate-limited-date',
  'server-errors',
  'submit-500',
  'submit-reset',
  'reset',
  'malformed-json',
  'html',
  'huge-reply',
  'echo-token',
  'echo-token-text',
  'retry-after-hint',
  'foreign-urls',
  'truncated-download',
  'oversized-download',
  'oversized-declared',
  'html-download',
  'redirect-download',
  'slow-download',
  'trickle-download',
  'short-download',
  'partial-download',
  'no-output',
  'large-file',
  'no-cost',
] as const;

export type ScenarioName = (typeof scenarioNames)[number];

export interface Scenario {
  name: ScenarioName;
  /** How many requests the fault hits (see the table); defaults per scenario. */
  count?: number;
}

const defaultCounts: Partial<Record<ScenarioName, number>> = {
  multiple: 2,
  'rate-limited': 1,
  'rate-limited-date': 1,
  'server-errors': 2,
  reset: 1,
  'redirect-download': 1,
  'partial-download': 1,
};

/** The COUNT of a scenario: given, else its default, else unlimited. */
export function faultCount(scenario: Scenario): number {
  return scenario.count ?? defaultCounts[scenario.name] ?? Number.POSITIVE_INFINITY;
}

export function isScenarioName(name: string): name is ScenarioName {
  return (scenarioNames as readonly string[]).includes(name);
}

/** `[scenario:NAME]` / `[scenario:NAME:COUNT]` in a prompt, if any. */
export function scenarioInPrompt(prompt: unknown): Scenario | undefined {
  const match = typeof prompt === 'string' ? /\[scenario:([a-z0-9-]+)(?::(\d+))?\]/i.exec(prompt) : null;
  if (!match || !isScenarioName(match[1]!.toLowerCase())) return undefined;
  const name = match[1]!.toLowerCase() as ScenarioName;
  return match[2] === undefined ? { name } : { name, count: Number(match[2]) };
}

/** `[queue:MS]` and `[run:MS]` in a prompt, if any. */
export function timelineInPrompt(prompt: unknown): { queueMs?: number; runMs?: number } {
  const read = (word: string) => {
    const match = typeof prompt === 'string' ? new RegExp(`\\[${word}:(\\d+)\\]`, 'i').exec(prompt) : null;
    return match ? Number(match[1]) : undefined;
  };
  return { queueMs: read('queue'), runMs: read('run') };
}
