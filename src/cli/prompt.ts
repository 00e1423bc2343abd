import { createInterface } from 'node:readline/promises';
import { failure } from './exit-codes.ts';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACES = new Set(['\u007f', '\b']);

/** A terminal input: the standard input when it is a TTY, or a test's stand-in with the same methods. */
export interface PromptInput extends NodeJS.ReadableStream {
  setRawMode(mode: boolean): unknown;
}

/**
 * Asks for a secret, such as an MFA code, without showing what is typed. Ctrl+C or Ctrl+D on an
 * empty line cancels with exit status 1.
 */
export function readSecret(
  question: string,
  input: PromptInput,
  output: NodeJS.WritableStream,
): Promise<string> {
  // Echo goes off before the prompt appears, so a code typed the moment the prompt shows is never echoed.
  input.setRawMode(true);
  output.write(question);
  input.setEncoding('utf8');
  input.resume();

  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: string | Buffer) => {
      for (const character of String(chunk)) {
        if (character === '\r' || character === '\n') return finish(() => resolve(typed));
        if (character === CTRL_C || (character === CTRL_D && typed === '')) {
          return finish(() => reject(failure('Cancelled: nothing was sent to BMS.')));
        }
        if (BACKSPACES.has(character)) typed = Array.from(typed).slice(0, -1).join('');
        else if (character >= ' ') typed += character;
      }
    };
    input.on('data', onData);
  });
}

/** Asks a yes/no question; only `y` or `yes` counts as yes, and Ctrl+C as no. */
export async function confirm(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  const lines = createInterface({ input, output, terminal: true });
  const interrupted = new Promise<string>((resolve) => lines.once('SIGINT', () => resolve('')));
  try {
    const answer = await Promise.race([lines.question(`${question} [y/N] `), interrupted]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    lines.close();
  }
}
