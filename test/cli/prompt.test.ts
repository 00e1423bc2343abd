import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/exit-codes.ts';
import { confirm, readSecret } from '../../src/cli/prompt.ts';

/** A stand-in for a terminal's standard input: a stream that records raw-mode switches. */
class TerminalInput extends PassThrough {
  readonly isTTY = true;
  readonly rawModes: boolean[] = [];

  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
}

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return () => text;
}

describe('read secret', () => {
  it('reads without echo', async () => {
    const input = new TerminalInput();
    const output = new PassThrough();
    const written = collect(output);
    const answer = readSecret('Code: ', input, output);
    input.write('12\u007f3456\r');
    await expect(answer).resolves.toBe('13456');
    expect(written()).toBe('Code: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('Ctrl+C cancels', async () => {
    const input = new TerminalInput();
    const answer = readSecret('Code: ', input, new PassThrough());
    input.write('12\u0003');
    await expect(answer).rejects.toBeInstanceOf(CliError);
    expect(input.rawModes).toEqual([true, false]);
  });
});

describe('confirm', () => {
  it.each([
    ['y\r', true],
    ['YES\r', true],
    ['n\r', false],
    ['\r', false],
    ['\u0003', false],
  ])('answer %j', async (typed, expected) => {
    const input = new TerminalInput();
    const answer = confirm('Delete ticket 5?', input, new PassThrough());
    input.write(typed);
    await expect(answer).resolves.toBe(expected);
  });
});
