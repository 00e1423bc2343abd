/**
 * `npm run sandbox`: the BMS sandbox alone on 127.0.0.1.
 * Settings: BMS_SANDBOX_PORT (4010), BMS_SANDBOX_LATENCY_MS (0), BMS_SANDBOX_ACCOUNTS (2000), LOG_LEVEL (info).
 */
import { createLogger, type LogLevel } from '../log.ts';
import { SANDBOX_MFA_CODE, SANDBOX_TENANT, SANDBOX_USER_LIST } from './fixtures.ts';
import { startSandbox } from './server.ts';

function readWholeNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got "${text}".`);
  }
  return value;
}

function readLogLevel(): LogLevel {
  const level = process.env.LOG_LEVEL ?? 'info';
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') return level;
  throw new Error(`LOG_LEVEL must be debug, info, warn or error, got "${level}".`);
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: readWholeNumber('BMS_SANDBOX_PORT', 4010),
    latencyMs: readWholeNumber('BMS_SANDBOX_LATENCY_MS', 0),
    accounts: readWholeNumber('BMS_SANDBOX_ACCOUNTS', 2000),
    logger: createLogger(readLogLevel()),
  });

  const users = SANDBOX_USER_LIST.map((user) => {
    const note = user.locked
      ? ' (locked)'
      : user.requiresMfa
        ? ` (MFA code: 6 digits summing to 21, e.g. ${SANDBOX_MFA_CODE})`
        : '';
    return `  ${user.userName}${note}`;
  });
  process.stdout.write(
    [
      `BMS sandbox listening on ${sandbox.url}`,
      // The password stays out of the output, which may end up in logs; the README gives it.
      `Tenant: ${SANDBOX_TENANT}   Password: the same for every user, see src/sandbox/README.md`,
      'Users:',
      ...users,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );

  const stop = (signal: string) => {
    process.stdout.write(`Received ${signal}, stopping the sandbox.\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`The sandbox did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
