import type { HelpText } from '../grammar/index.ts';

const PROGRAM = 'bms';

/**
 * Formats the grammar's help for a terminal. The grammar leaves out the `/bms ` or `bms `
 * prefix of usage lines and examples, so this adds `bms ` to them.
 */
export function renderHelp(help: HelpText): string {
  const lines: string[] = [help.title, ''];
  let inExamples = false;
  for (const line of help.lines) {
    if (line === 'Examples:') inExamples = true;
    else if (line.trim() === '') inExamples = false;

    if (line.startsWith('Usage: ')) {
      lines.push(`Usage: ${PROGRAM} ${line.slice('Usage: '.length)}`);
    } else if (inExamples && line.startsWith('  ')) {
      lines.push(`  ${PROGRAM} ${line.trimStart()}`);
    } else {
      lines.push(line.replace(/^Type help\b/, `Type ${PROGRAM} help`));
    }
  }
  return lines.join('\n');
}

/** Formats the usage line of a command, as printed under a usage error. */
export function usageLine(usage: string): string {
  return `Usage: ${PROGRAM} ${usage}`;
}
