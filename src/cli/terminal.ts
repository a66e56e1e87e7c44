/**
 * Questions on the terminal: asked on stderr (stdout stays for results), answered on stdin. Only when both
 * are a terminal: in a pipe, a script or CI nobody could answer, so callers need a flag instead.
 */
import * as readline from 'node:readline';

export interface Terminal {
  /** True when a person can see the question and type an answer. */
  readonly interactive: boolean;
  /** One line typed by the user; `undefined` on Ctrl-C or end of input. */
  ask(question: string): Promise<string | undefined>;
}

export function processTerminal(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Terminal {
  return {
    interactive: stdin.isTTY === true && stderr.isTTY === true,
    ask: (question) =>
      new Promise((resolve) => {
        const rl = readline.createInterface({ input: stdin, output: stderr, terminal: true });
        let answered = false;
        const finish = (answer: string | undefined) => {
          if (answered) return;
          answered = true;
          rl.close();
          resolve(answer);
        };
        // Ctrl-C at the question is a no, not a hang: readline swallows SIGINT while it reads.
        rl.on('SIGINT', () => {
          stderr.write('\n');
          finish(undefined);
        });
        rl.on('close', () => finish(undefined));
        rl.question(question, finish);
      }),
  };
}

/** The answers that mean yes; anything else (including just Enter) is no. */
export function isYes(answer: string | undefined): boolean {
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}
