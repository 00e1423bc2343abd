import { afterAll, describe, expect, it } from 'vitest';
import { readTokenFile } from '../../src/cli/token-file.ts';
import { type SandboxServer, startSandbox } from '../../src/sandbox/index.ts';
import { COMMAND_LINES } from '../grammar/command-lines.ts';
import { checkEffect, EXPECTED_FAILURES } from './command-line-effects.ts';
import { cliEnvironment, createCliHome, openProbe, requestsSince, runBms, storeSession } from './harness.ts';

/**
 * Every line of the table that the Slack tests share runs here as `bms ARGV`, each against a
 * sandbox of its own, so that lines run in parallel and one line's writes never meet another's.
 */
describe.concurrent('bms command lines', () => {
  const sandboxes: SandboxServer[] = [];

  afterAll(async () => {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  });

  it('failure list names table lines', () => {
    const lines = new Set(COMMAND_LINES.map((entry) => entry.line));
    for (const line of Object.keys(EXPECTED_FAILURES)) expect(lines, line).toContain(line);
  });

  it.each(COMMAND_LINES.map((entry) => [entry.line.slice(0, 80) || '(empty)', entry] as const))(
    'runs %s',
    async (_name, entry) => {
      const sandbox = await startSandbox({});
      sandboxes.push(sandbox);
      const home = await createCliHome();
      try {
        await storeSession(sandbox, home);
        const storedAccessToken = (await readTokenFile(home.tokenFile))?.accessToken ?? '';

        const run = await runBms(entry.argv, cliEnvironment(sandbox.url, home));
        const requests = requestsSince(sandbox);

        const failure = EXPECTED_FAILURES[entry.line];
        if (failure) {
          expect(run.stderr).toContain(failure.fragment);
          expect(run.exitCode, run.stderr).toBe(failure.exitCode);
          return;
        }
        expect(run.exitCode, run.stderr).toBe(0);
        const probe = await openProbe(sandbox);
        try {
          await checkEffect({ command: entry.command, run, requests, home, probe, storedAccessToken });
        } finally {
          await probe.close();
        }
      } finally {
        await home.remove();
      }
    },
  );
});
