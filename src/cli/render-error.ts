import { type BmsError, type BmsErrorKind, isBmsError } from '../bms/errors.ts';
import { isValidationError } from '../services/index.ts';
import { CliError, EXIT_CODES, type ExitCode } from './exit-codes.ts';
import { usageLine } from './render-help.ts';
import { terminalLine } from './terminal-text.ts';

/** Next step after each kind of BMS failure, in the terms of the command line's settings. */
const NEXT_STEP: Record<BmsErrorKind, (error: BmsError) => string> = {
  bad_credentials: () => 'Check BMS_TENANT, BMS_USERNAME and BMS_PASSWORD.',
  account_locked: () => 'Ask your BMS administrator to unlock the user.',
  mfa_required: () => 'Set BMS_MFA_CODE to the current code from your authenticator app.',
  mfa_invalid: () => 'Type the current code from your authenticator app.',
  token_expired: () => 'Run bms auth login to sign in again.',
  not_found: () => 'Check the id or number.',
  forbidden: () => 'Your BMS user may not see or change this record; ask your BMS administrator for access.',
  validation: () => 'Correct the values and try again.',
  rate_limited: (error) =>
    error.retryAfterSeconds === undefined
      ? 'Wait a minute and try again.'
      : `Wait ${error.retryAfterSeconds} s and try again.`,
  server: () => 'Try again in a few minutes.',
  transport: () => 'Check BMS_API_BASE and the network connection, then try again.',
  protocol: () => 'Try again; if it keeps happening, BMS may have changed its API.',
};

export interface FailureReport {
  exitCode: ExitCode;
  /** Lines for standard error, each starting with `bms: ` where it is the message itself. */
  lines: string[];
}

/**
 * Turns any error into what standard error shows and the exit status. BMS's own message and
 * code come first, as the client quotes them; text from BMS is cleaned of control characters.
 */
export function describeFailure(error: unknown, showStack = false): FailureReport {
  if (error instanceof CliError) {
    const lines = [`bms: ${error.message}`];
    if (error.usage !== undefined) lines.push(usageLine(error.usage));
    return { exitCode: error.exitCode, lines };
  }
  if (isBmsError(error)) {
    const details = error.details.map((detail) => `  ${terminalLine(detail)}`);
    return {
      exitCode: EXIT_CODES.failure,
      lines: [`bms: ${terminalLine(error.message)}`, ...details, NEXT_STEP[error.kind](error)],
    };
  }
  if (isValidationError(error)) {
    return {
      exitCode: EXIT_CODES.failure,
      lines: Object.values(error.fields).map((message) => `bms: ${terminalLine(message)}`),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = showStack && error instanceof Error && error.stack ? [error.stack] : [];
  return {
    exitCode: EXIT_CODES.failure,
    lines: [`bms: unexpected error: ${terminalLine(message)}`, ...stack],
  };
}
