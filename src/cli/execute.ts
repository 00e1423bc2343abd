import { systemClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { type Environment, readSettings } from './environment.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import { readSecret } from './prompt.ts';
import { describeFailure } from './render-error.ts';
import { type BmsCommand, runCommand } from './run-command.ts';
import { createRunContext } from './run-context.ts';
import { openRuntime } from './runtime.ts';
import { createCliSession } from './session.ts';
import { canAsk, type Terminal } from './terminal.ts';
import { jsonText } from './terminal-text.ts';

/** Runs a command that talks to BMS and prints its result; returns the exit status. */
export async function execute(
  command: BmsCommand,
  terminal: Terminal,
  environment: Environment,
): Promise<ExitCode> {
  let showStack = false;
  try {
    const settings = readSettings(environment);
    showStack = settings.logLevel === 'debug';
    const logger = createLogger(settings.logLevel, (line) => terminal.stderr.write(`${line}\n`));
    const runtime = await openRuntime(settings, logger);
    try {
      const session = createCliSession({
        client: runtime.client,
        settings,
        clock: systemClock,
        logger,
        askMfaCode: canAsk(terminal)
          ? () => readSecret('BMS MFA code (not shown): ', terminal.stdin, terminal.stderr)
          : undefined,
      });
      const run = createRunContext({
        terminal,
        settings,
        session,
        clock: systemClock,
        logger,
        json: command.json,
      });
      const output = await runCommand(command, run);
      terminal.stdout.write(`${command.json ? jsonText(output.value) : output.text()}\n`);
      return EXIT_CODES.success;
    } finally {
      await runtime.close();
    }
  } catch (error) {
    const report = describeFailure(error, showStack);
    terminal.stderr.write(`${report.lines.join('\n')}\n`);
    return report.exitCode;
  }
}
