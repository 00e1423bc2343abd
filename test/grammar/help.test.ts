import { describe, expect, it } from 'vitest';
import { COMMANDS, GROUPS, TOP_LEVEL_WORDS } from '../../src/grammar/commands.ts';
import { helpText, helpTopics } from '../../src/grammar/help.ts';
import { parseCommandLine } from '../../src/grammar/parse.ts';

describe('helpText', () => {
  it('lists every top-level word in the overview', () => {
    const help = helpText([]);
    expect(help.title).toBe('BMS commands');
    const text = help.lines.join('\n');
    for (const word of TOP_LEVEL_WORDS) expect(text, word).toMatch(new RegExp(`^  ${word}\\b`, 'm'));
  });

  it('names the global flags in the overview', () => {
    const text = helpText([]).lines.join('\n');
    for (const flag of ['--json', '--yes', '--help, -h']) expect(text).toContain(flag);
  });

  it.each(GROUPS.map((group) => [group.path.join(' '), group] as const))(
    'describes group %s',
    (_name, group) => {
      const help = helpText(group.path);
      expect(help.title).toBe(`${group.path.join(' ')} commands`);
      expect(help.lines).toContain(`Usage: ${group.usage}`);
      const children = COMMANDS.filter(
        (command) =>
          command.path.length === group.path.length + 1 &&
          group.path.every((word, index) => command.path[index] === word),
      );
      for (const command of children) {
        expect(help.lines.some((line) => line.includes(command.usage))).toBe(true);
      }
    },
  );

  it.each(COMMANDS.map((command) => [command.path.join(' '), command] as const))(
    'describes command %s',
    (_name, command) => {
      const help = helpText(command.path);
      expect(help.title).toBe(command.path.join(' '));
      expect(help.lines[0]).toBe(`Usage: ${command.usage}`);
      expect(help.lines).toContain(command.description);
      for (const flag of command.flags) {
        expect(help.lines.some((line) => line.includes(`--${flag.name}`))).toBe(true);
      }
      for (const example of command.examples) expect(help.lines).toContain(`  ${example}`);
    },
  );

  it('marks flags a template can fill', () => {
    const lines = helpText(['tickets', 'create']).lines;
    expect(lines).toContain('  --title T — Short summary of the problem (required without --template-id).');
  });

  it('puts both spellings of a slot on one line', () => {
    const lines = helpText(['tickets', 'assign']).lines;
    expect(lines.some((line) => line.startsWith('  --status-id N | --status NAME — '))).toBe(true);
  });

  it('ignores case of the topic', () => {
    expect(helpText(['Tickets', 'CREATE']).title).toBe('tickets create');
  });

  it('names an unknown topic', () => {
    const help = helpText(['nope']);
    expect(help.title).toBe('BMS commands');
    expect(help.lines[0]).toBe('There is no command "nope".');
  });
});

describe('helpTopics', () => {
  it('reaches every group and command', () => {
    const topics = helpTopics().map((topic) => topic.join(' '));
    for (const entry of [...GROUPS, ...COMMANDS]) expect(topics).toContain(entry.path.join(' '));
    expect(topics).toContain('');
  });

  it('is what help parses to', () => {
    for (const topic of helpTopics()) {
      expect(parseCommandLine(`help ${topic.join(' ')}`)).toMatchObject({ ok: true, command: { topic } });
      expect(parseCommandLine(`${topic.join(' ')} --help`)).toMatchObject({ ok: true, command: { topic } });
    }
  });
});

describe('examples', () => {
  const examples = COMMANDS.flatMap((command) =>
    command.examples.map((example) => [example, command] as const),
  );

  it.each(examples)('parses %s', (example, command) => {
    const result = parseCommandLine(example);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.command.name).toBe(command.name);
  });
});
