/**
 * Where the CLI writes: results (paths, JSON, states) to stdout, everything else (progress, notes, warnings,
 * errors) to stderr. A live progress line on a terminal is cleared before any other line is written and
 * redrawn after, so the two streams never garble each other. Every write passes the token redactor.
 */
import * as path from 'node:path';
import { redact } from '../core/redact';

/** The slice of a stream the output needs (tests and pipes give non-TTY streams). */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Output {
  private liveText: string | undefined;

  constructor(
    private readonly stdout: TextStream,
    private readonly stderr: TextStream,
    private readonly secrets: () => readonly (string | undefined)[] = () => [],
  ) {}

  /** True when stderr is a terminal: progress is one live line updated in place. */
  get interactive(): boolean {
    return this.stderr.isTTY === true;
  }

  /** One result line on stdout. */
  result(line: string): void {
    this.around(() => this.stdout.write(`${this.clean(line)}\n`));
  }

  /** A JSON document on stdout. */
  json(value: unknown): void {
    this.result(JSON.stringify(value, null, 2));
  }

  /** A progress or information line on stderr. */
  info(line: string): void {
    this.around(() => this.stderr.write(`${this.clean(line)}\n`));
  }

  warn(line: string): void {
    this.info(`warning: ${line}`);
  }

  error(line: string): void {
    this.info(`error: ${line}`);
  }

  /** Sets (or with `undefined` clears) the live line on a terminal; ignored elsewhere. */
  live(text: string | undefined): void {
    if (!this.interactive) return;
    const width = Math.max(20, (this.stderr.columns || 80) - 1);
    const next = text === undefined ? undefined : this.clean(text).slice(0, width);
    if (next === this.liveText) return;
    this.stderr.write(`\r\x1b[K${next ?? ''}`);
    this.liveText = next;
  }

  private around(write: () => void): void {
    const live = this.liveText;
    if (live !== undefined) this.stderr.write('\r\x1b[K');
    write();
    if (live !== undefined) this.stderr.write(live);
  }

  private clean(text: string): string {
    return redact(text, this.secrets());
  }
}

/** A path as the user should see it: relative to the current folder when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
