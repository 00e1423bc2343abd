import { findCommand, helpText, parseArguments } from '../grammar/index.ts';
import type { Environment } from './environment.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import { renderHelp, usageLine } from './render-help.ts';
import type { Terminal } from './terminal.ts';
import { jsonText } from './terminal-text.ts';

/**
 * Runs the `bms` command line: the words after `bms` mean what the same words mean after `/bms`
 * in Slack, because both are read by the grammar's parser. Returns the exit status.
 */
export async function runCli(
  argv: readonly string[],
  terminal: Terminal,
  environment: Environment,
): Promise<ExitCode> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    const { message, usage, commandPath } = parsed.error;
    const more = commandPath.length > 0 ? `bms ${commandPath.join(' ')} --help` : 'bms help';
    terminal.stderr.write(`bms: ${message}\n${usageLine(usage)}\nRun ${more} for the flags and examples.\n`);
    return EXIT_CODES.usage;
  }

  const command = parsed.command;
  if (command.name === 'help') {
    const help = helpText(command.topic);
    terminal.stdout.write(`${command.json ? jsonText(help) : renderHelp(help)}\n`);
    return EXIT_CODES.success;
  }
  if (command.name === 'create') {
    const usage = findCommand(['tickets', 'create'])?.usage ?? '';
    terminal.stderr.write(
      `bms: create opens the ticket form in Slack. In a terminal, create a ticket with bms tickets create and its flags.\n${usageLine(usage)}\n`,
    );
    return EXIT_CODES.usage;
  }

  // Loaded only for commands that talk to BMS, so that help and usage errors start fast.
  const { execute } = await import('./execute.ts');
  return execute(command, terminal, environment);
}
