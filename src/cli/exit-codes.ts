/** Exit statuses of the `bms` command, as docs/cli.md lists them for scripts. */
export const EXIT_CODES = {
  success: 0,
  /** BMS rejected the request or could not be reached, or a name did not match any BMS record. */
  failure: 1,
  /** The command line or a setting is wrong: nothing was sent to BMS. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A failure the command line reports in one message, without a stack trace. `usage` is the
 * usage line to print under the message, without the `bms ` prefix.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly usage?: string;

  constructor(message: string, exitCode: ExitCode, usage?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.usage = usage;
  }
}

/** Builds the error for a wrong command line or setting: exit status 2. */
export function usageError(message: string, usage?: string): CliError {
  return new CliError(message, EXIT_CODES.usage, usage);
}

/** Builds the error for a request that failed after the command line was accepted: exit status 1. */
export function failure(message: string): CliError {
  return new CliError(message, EXIT_CODES.failure);
}
