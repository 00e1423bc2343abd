import {
  type CommandSpec,
  childWords,
  type FlagSpec,
  findCommand,
  findGroup,
  GLOBAL_FLAGS,
  type GroupSpec,
  ROOT_USAGE,
  TOP_LEVEL_WORDS,
} from './commands.ts';

/**
 * Help as plain lines without markup. Usage lines and examples leave out the `/bms ` or `bms `
 * prefix, and the renderer of each front end adds it along with its own formatting.
 */
export interface HelpText {
  title: string;
  lines: string[];
}

const INDENT = '  ';

function entryLine(usage: string, description: string): string {
  return `${INDENT}${usage} — ${description}`;
}

const GLOBAL_FLAGS_NOTE = 'Every command also takes --json, --yes and --help; type help to see what they do.';

function globalFlagLines(): string[] {
  return [
    'Flags every command takes:',
    ...GLOBAL_FLAGS.map((flag) => entryLine(`--${flag.name}`, flag.description)),
    entryLine('--help, -h', 'Show help for the command before it.'),
  ];
}

/** Lists one line per slot, so that `--account-id N | --account NAME` reads as one choice. */
function flagLines(command: CommandSpec): string[] {
  const lines: string[] = [];
  const slotsDone = new Set<string>();
  for (const flag of command.flags) {
    if (slotsDone.has(flag.slot)) continue;
    slotsDone.add(flag.slot);
    const spellings: FlagSpec[] = command.flags.filter((other) => other.slot === flag.slot);
    const usage = spellings
      .map((spelling) =>
        spelling.placeholder ? `--${spelling.name} ${spelling.placeholder}` : `--${spelling.name}`,
      )
      .join(' | ');
    const waiver = command.flags.find((other) => other.slot === command.requiredUnless);
    const required = waiver ? `required without --${waiver.name}` : 'required';
    const notes = [flag.required ? required : '', flag.repeatable ? 'repeatable' : ''].filter(Boolean);
    const description =
      notes.length > 0 ? `${flag.description.replace(/\.$/, '')} (${notes.join(', ')}).` : flag.description;
    lines.push(entryLine(usage, description));
  }
  return lines;
}

function rootHelp(): HelpText {
  const commands: string[] = [];
  const shortForms: string[] = [];
  for (const word of TOP_LEVEL_WORDS) {
    const command = findCommand([word]);
    const entry = command ?? (findGroup([word]) as GroupSpec);
    const line = entryLine(entry.usage, entry.description);
    if (command?.shortFormOf || command?.name === 'create') shortForms.push(line);
    else commands.push(line);
  }
  return {
    title: 'BMS commands',
    lines: [
      'Work Kaseya BMS tickets as yourself. A command means the same after /bms in Slack and after bms in a terminal.',
      `Usage: ${ROOT_USAGE}`,
      '',
      'Commands:',
      ...commands,
      '',
      'Short forms:',
      ...shortForms,
      '',
      ...globalFlagLines(),
      '',
      'Put a value with spaces in quotes: --title "Printer offline". --flag=value works too.',
      'Type help <command> or <command> --help for its flags and examples, e.g. help tickets create.',
    ],
  };
}

function groupHelp(group: GroupSpec): HelpText {
  const entries: string[] = [];
  const examples: string[] = [];
  for (const word of childWords(group.path)) {
    const childPath = [...group.path, word];
    const command = findCommand(childPath);
    const child = command ?? (findGroup(childPath) as GroupSpec);
    entries.push(entryLine(child.usage, child.description));
    const example = command?.examples[0];
    if (example) examples.push(`${INDENT}${example}`);
  }
  const name = group.path.join(' ');
  return {
    title: `${name} commands`,
    lines: [
      group.description,
      `Usage: ${group.usage}`,
      '',
      'Commands:',
      ...entries,
      ...(examples.length > 0 ? ['', 'Examples:', ...examples] : []),
      '',
      `Type help ${name} <command> for its flags and examples.`,
    ],
  };
}

function commandHelp(command: CommandSpec): HelpText {
  const lines = [`Usage: ${command.usage}`, '', command.description];
  if (command.positionals.length > 0) {
    lines.push('', 'Arguments:');
    for (const positional of command.positionals) {
      const description = positional.required
        ? `${positional.description.replace(/\.$/, '')} (required).`
        : positional.description;
      lines.push(entryLine(positional.placeholder, description));
    }
  }
  if (command.flags.length > 0) {
    lines.push('', 'Flags:', ...flagLines(command));
  }
  lines.push('', GLOBAL_FLAGS_NOTE);
  if (command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((example) => `${INDENT}${example}`));
  }
  return { title: command.path.join(' '), lines };
}

/**
 * Returns the help for a command path as the parser reports it in `{ name: 'help', topic }`:
 * `[]` for the overview, a group such as `['tickets']`, or a command such as `['tickets', 'create']`.
 * An unknown topic returns the overview, led by a line that names the topic.
 */
export function helpText(topic: readonly string[]): HelpText {
  const path = topic.map((word) => word.toLowerCase());
  if (path.length === 0) return rootHelp();

  const command = findCommand(path);
  if (command) return commandHelp(command);
  const group = findGroup(path);
  if (group) return groupHelp(group);

  const overview = rootHelp();
  return { ...overview, lines: [`There is no command "${topic.join(' ')}".`, '', ...overview.lines] };
}

/** Lists every help topic: the overview, each group and each command, for renderers that list or test them. */
export function helpTopics(): string[][] {
  return [[], ...TOP_LEVEL_WORDS.flatMap((word) => topicsUnder([word]))];
}

function topicsUnder(path: string[]): string[][] {
  const children = findCommand(path) ? [] : childWords(path);
  return [path, ...children.flatMap((word) => topicsUnder([...path, word]))];
}
