import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SandboxServer, startSandbox } from '../../src/sandbox/index.ts';
import {
  ACCOUNT_LOOKUP,
  type CliHome,
  cliEnvironment,
  createCliHome,
  markRequests,
  requestsSince,
  runBms,
  storeSession,
} from './harness.ts';

const LOCATION_LOOKUP = 'GET /v2/crm/accounts/{accountId}/locations/lookup';
const STATUS_LOOKUP = 'GET /v2/system/statuses/lookup';

/** Runs `test` with a sandbox and a signed-in home of its own, because it counts every request. */
async function withSandbox(
  test: (sandbox: SandboxServer, cli: CliHome, environment: Record<string, string>) => Promise<void>,
  overrides: Record<string, string> = {},
): Promise<void> {
  const sandbox = await startSandbox({});
  const cli = await createCliHome();
  try {
    await storeSession(sandbox, cli);
    await test(sandbox, cli, cliEnvironment(sandbox.url, cli, overrides));
  } finally {
    await sandbox.close();
    await cli.remove();
  }
}

describe.concurrent('bms cache file', () => {
  it('second accounts run uses the cache', () =>
    withSandbox(async (sandbox, cli, environment) => {
      const first = await runBms(['accounts'], environment);
      expect(first.exitCode, first.stderr).toBe(0);
      expect(requestsSince(sandbox)[ACCOUNT_LOOKUP]).toBeGreaterThan(0);
      expect((await stat(cli.cacheFile)).mode & 0o777).toBe(0o600);

      markRequests(sandbox);
      const second = await runBms(['accounts', 'contoso'], environment);
      expect(second.exitCode, second.stderr).toBe(0);
      expect(second.stdout).toContain('Contoso Ltd');
      expect(requestsSince(sandbox)).toEqual({});

      const refreshed = await runBms(['accounts', '--refresh'], environment);
      expect(refreshed.exitCode, refreshed.stderr).toBe(0);
      expect(requestsSince(sandbox)[ACCOUNT_LOOKUP]).toBeGreaterThan(0);
    }));

  it('locations are cached per account', () =>
    withSandbox(async (sandbox, _cli, environment) => {
      expect((await runBms(['locations', '--account', '42'], environment)).exitCode).toBe(0);
      expect((await runBms(['locations', '--account', '43'], environment)).exitCode).toBe(0);
      expect(requestsSince(sandbox)[LOCATION_LOOKUP]).toBe(2);

      markRequests(sandbox);
      const cached = await runBms(['locations', '--account', '42'], environment);
      expect(cached.stdout).toContain('421');
      expect(requestsSince(sandbox)).toEqual({});

      const refreshed = await runBms(['locations', '--account', '42', '--refresh'], environment);
      expect(refreshed.exitCode, refreshed.stderr).toBe(0);
      expect(requestsSince(sandbox)).toEqual({ [LOCATION_LOOKUP]: 1 });
    }));

  it('lookups are cached', () =>
    withSandbox(async (sandbox, _cli, environment) => {
      const first = await runBms(['tickets', 'list', '--status', 'New', '--status', 'Open'], environment);
      expect(first.exitCode, first.stderr).toBe(0);
      expect(requestsSince(sandbox)[STATUS_LOOKUP]).toBe(1);

      markRequests(sandbox);
      const second = await runBms(['tickets', 'list', '--status', 'in progress'], environment);
      expect(second.exitCode, second.stderr).toBe(0);
      expect(requestsSince(sandbox)[STATUS_LOOKUP]).toBeUndefined();
    }));

  it('expired lists load again', () =>
    withSandbox(
      async (sandbox, _cli, environment) => {
        expect((await runBms(['locations', '--account', '42'], environment)).exitCode).toBe(0);
        markRequests(sandbox);
        expect((await runBms(['locations', '--account', '42'], environment)).exitCode).toBe(0);
        expect(requestsSince(sandbox)).toEqual({ [LOCATION_LOOKUP]: 1 });
      },
      // One millisecond: every list has expired by the next run.
      { BMS_CACHE_TTL: '1ms' },
    ));

  it('damaged cache file is replaced', () =>
    withSandbox(async (sandbox, cli, environment) => {
      const cacheFile = join(cli.home, 'cache.json');
      await writeFile(cacheFile, 'not json');
      const withFile = { ...environment, BMS_CACHE_FILE: cacheFile };
      expect((await runBms(['locations', '--account', '42'], withFile)).exitCode).toBe(0);
      markRequests(sandbox);
      expect((await runBms(['locations', '--account', '42'], withFile)).exitCode).toBe(0);
      expect(requestsSince(sandbox)).toEqual({});
    }));

  it('unwritable cache still answers', () =>
    withSandbox(async (_sandbox, cli, environment) => {
      // A regular file where the cache directory should be makes every cache write fail.
      const blocked = join(cli.home, 'blocked');
      await writeFile(blocked, '');
      const run = await runBms(['locations', '--account', '42'], {
        ...environment,
        BMS_CACHE_FILE: join(blocked, 'cache.json'),
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toContain('421');
      expect(run.stderr).toContain('Cannot write the cache file');
    }));
});
