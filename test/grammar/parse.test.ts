import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand, findGroup, ROOT_USAGE } from '../../src/grammar/commands.ts';
import { parseArguments, parseCommandLine } from '../../src/grammar/parse.ts';
import { BAD_COMMAND_LINES, COMMAND_LINES } from './command-lines.ts';

function label(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

describe('parseCommandLine', () => {
  it.each(COMMAND_LINES.map((entry) => [label(entry.line), entry] as const))('reads %s', (_name, entry) => {
    expect(parseCommandLine(entry.line)).toStrictEqual({ ok: true, command: entry.command });
  });

  it.each(BAD_COMMAND_LINES.map((entry) => [label(entry.line), entry] as const))(
    'rejects %s',
    (_name, entry) => {
      const result = parseCommandLine(entry.line);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toContain(entry.fragment);
      expect(result.error.commandPath).toEqual(entry.commandPath);
      const usage =
        findCommand(entry.commandPath)?.usage ?? findGroup(entry.commandPath)?.usage ?? ROOT_USAGE;
      expect(result.error.usage).toBe(usage);
    },
  );

  it('bad cases have distinct fragments', () => {
    const fragments = BAD_COMMAND_LINES.map((entry) => entry.fragment);
    expect(new Set(fragments).size).toBe(fragments.length);
  });

  it('bad cases have distinct messages', () => {
    const messages = BAD_COMMAND_LINES.map((entry) => {
      const result = parseCommandLine(entry.line);
      return result.ok ? '' : result.error.message;
    });
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('covers every command of the table', () => {
    const reached = new Set(
      COMMAND_LINES.map((entry) => entry.line.toLowerCase().replace(/^(--\w+ )+/, '')).flatMap((line) =>
        COMMANDS.filter(
          (command) => line === command.path.join(' ') || line.startsWith(`${command.path.join(' ')} `),
        ).map((command) => command.path.join(' ')),
      ),
    );
    for (const command of COMMANDS) expect(reached, command.path.join(' ')).toContain(command.path.join(' '));
  });
});

describe('parseArguments', () => {
  it.each(COMMAND_LINES.map((entry) => [label(entry.argv.join(' ')), entry] as const))(
    'reads %s',
    (_name, entry) => {
      expect(parseArguments(entry.argv)).toStrictEqual({ ok: true, command: entry.command });
    },
  );

  it('keeps a value with spaces that starts with dashes', () => {
    const result = parseArguments(['notes', 'add', '5', '--message', '--force failed']);
    expect(result).toMatchObject({ ok: true, command: { message: '--force failed' } });
  });

  it('reads a lone dashed word as a missing value', () => {
    const result = parseArguments(['notes', 'add', '5', '--message', '--public']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('--message needs a value');
  });

  it('joins --flag=value back in free text', () => {
    const result = parseArguments(['note', '5', 'set', '--speed=fast']);
    expect(result).toMatchObject({ ok: true, command: { message: 'set --speed=fast' } });
  });
});

describe('short forms', () => {
  it.each([
    ['ticket 5', 'tickets get 5'],
    ['ticket #5', 'tickets get 5'],
    ['note 5 some text', 'notes add 5 --message "some text"'],
    ['mine', 'tickets list --mine'],
    ['mine --page 3', 'tickets list --mine --page 3'],
    ['login', 'auth login'],
    ['logout', 'auth logout'],
    ['whoami', 'auth status'],
  ])('%s equals %s', (short, long) => {
    expect(parseCommandLine(short)).toStrictEqual(parseCommandLine(long));
  });
});

describe('free text of note', () => {
  it('keeps spacing and newlines as typed', () => {
    const result = parseCommandLine('note 5 first line\n  second   line');
    expect(result).toMatchObject({ ok: true, command: { message: 'first line\n  second   line' } });
  });

  it('keeps quotes inside the text', () => {
    const result = parseCommandLine('note 5 user said "it works" today');
    expect(result).toMatchObject({ ok: true, command: { message: 'user said "it works" today' } });
  });

  it('takes global flags before the ticket id', () => {
    const result = parseCommandLine('note --json 5 done');
    expect(result).toMatchObject({ ok: true, command: { name: 'notes.add', json: true, message: 'done' } });
  });
});
