import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenFile } from '../../src/cli/token-file.ts';
import {
  AUTH_ERROR_CODES,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import {
  AUTHENTICATE,
  type CliHome,
  cliEnvironment,
  createCliHome,
  markRequests,
  REFRESH,
  REPOSITORY_ROOT,
  requestsSince,
  runBms,
  storeSession,
} from './harness.ts';

describe.concurrent('bms session', () => {
  let sandbox: SandboxServer;
  const homes: CliHome[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({});
  });

  afterAll(async () => {
    await sandbox.close();
    await Promise.all(homes.map((home) => home.remove()));
  });

  async function home(): Promise<CliHome> {
    const created = await createCliHome();
    homes.push(created);
    return created;
  }

  it('token file is private and reused', async () => {
    const cli = await home();
    const environment = cliEnvironment(sandbox.url, cli);

    const first = await runBms(['tickets', 'get', '12345'], environment);
    expect(first.exitCode, first.stderr).toBe(0);
    expect((await stat(cli.tokenFile)).mode & 0o777).toBe(0o600);
    const stored = await readTokenFile(cli.tokenFile);
    expect(stored?.userName).toBe(SANDBOX_USERS.jane.userName);

    // Other tests share the sandbox, so the check is that this user's token stayed the same.
    const second = await runBms(['ticket', '10001', '--json'], environment);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).Id).toBe(10001);
    expect((await readTokenFile(cli.tokenFile))?.accessToken).toBe(stored?.accessToken);
  });

  it('token file keeps no password', async () => {
    const cli = await home();
    const run = await runBms(['auth', 'login', '--json'], cliEnvironment(sandbox.url, cli));
    expect(run.exitCode, run.stderr).toBe(0);
    const text = await readFile(cli.tokenFile, 'utf8');
    expect(text).not.toContain(SANDBOX_PASSWORD);
    const stored = await readTokenFile(cli.tokenFile);
    for (const secret of [SANDBOX_PASSWORD, stored?.accessToken, stored?.refreshToken]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('stored session needs no password', async () => {
    const cli = await home();
    await storeSession(sandbox, cli);
    const environment = cliEnvironment(sandbox.url, cli, {
      BMS_TENANT: undefined,
      BMS_USERNAME: undefined,
      BMS_PASSWORD: undefined,
    });
    const run = await runBms(['tickets', 'get', '12345'], environment);
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it('missing password is named', async () => {
    const cli = await home();
    const run = await runBms(
      ['tickets', 'get', '12345'],
      cliEnvironment(sandbox.url, cli, { BMS_PASSWORD: undefined }),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('BMS_PASSWORD is not set');
  });

  it('missing user name is named', async () => {
    const cli = await home();
    const run = await runBms(
      ['auth', 'login'],
      cliEnvironment(sandbox.url, cli, { BMS_USERNAME: undefined }),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('BMS_USERNAME is not set');
  });

  it('wrong password fails with the BMS code', async () => {
    const cli = await home();
    const wrong = 'Not-The-Passw0rd!';
    const run = await runBms(['auth', 'login'], cliEnvironment(sandbox.url, cli, { BMS_PASSWORD: wrong }));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`(code ${AUTH_ERROR_CODES.badCredentials})`);
    expect(run.stderr).toContain('Check BMS_TENANT, BMS_USERNAME and BMS_PASSWORD');
    expect(run.stderr).not.toContain(wrong);
  });

  it('MFA code from the environment', async () => {
    const cli = await home();
    const environment = cliEnvironment(sandbox.url, cli, {
      BMS_USERNAME: SANDBOX_USERS.mfa.userName,
      BMS_MFA_CODE: SANDBOX_MFA_CODE,
    });
    const run = await runBms(['auth', 'login'], environment);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(SANDBOX_USERS.mfa.fullName);
    expect(run.stdout).not.toContain(SANDBOX_MFA_CODE);
  });

  it('MFA without code or terminal', async () => {
    const cli = await home();
    const environment = cliEnvironment(sandbox.url, cli, { BMS_USERNAME: SANDBOX_USERS.mfa.userName });
    const run = await runBms(['tickets', 'get', '12345'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`(code ${AUTH_ERROR_CODES.mfaRequired})`);
    expect(run.stderr).toContain('set BMS_MFA_CODE');
    expect(run.stdout).toBe('');
  });

  it('wrong MFA code is named', async () => {
    const cli = await home();
    const environment = cliEnvironment(sandbox.url, cli, {
      BMS_USERNAME: SANDBOX_USERS.mfa.userName,
      BMS_MFA_CODE: SANDBOX_WRONG_MFA_CODE,
    });
    const run = await runBms(['auth', 'login'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`(code ${AUTH_ERROR_CODES.mfaInvalid})`);
    expect(run.stderr).toContain('BMS_MFA_CODE');
    expect(run.stderr).not.toContain(SANDBOX_WRONG_MFA_CODE);
  });

  it('token file of another user is ignored', async () => {
    const cli = await home();
    await storeSession(sandbox, cli);
    const environment = cliEnvironment(sandbox.url, cli, { BMS_USERNAME: SANDBOX_USERS.locked.userName });
    const run = await runBms(['tickets', 'get', '12345'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`(code ${AUTH_ERROR_CODES.accountLocked})`);
  });

  it('status and logout read the file', async () => {
    const cli = await home();
    await storeSession(sandbox, cli);
    const environment = cliEnvironment(sandbox.url, cli);

    const status = await runBms(['auth', 'status', '--json'], environment);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ signedIn: true, bmsUserId: SANDBOX_USERS.jane.userId });

    const logout = await runBms(['logout'], environment);
    expect(logout.exitCode, logout.stderr).toBe(0);
    await expect(stat(cli.tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });

    const after = await runBms(['whoami', '--json'], environment);
    expect(JSON.parse(after.stdout)).toMatchObject({ signedIn: false });
  });

  it('damaged token file means login', async () => {
    const cli = await home();
    await writeFile(cli.tokenFile, '{"version": 1, "accessToken": ', { mode: 0o600 });
    const run = await runBms(['tickets', 'get', '12345'], cliEnvironment(sandbox.url, cli));
    expect(run.exitCode, run.stderr).toBe(0);
    expect((await readTokenFile(cli.tokenFile))?.userName).toBe(SANDBOX_USERS.jane.userName);
  });
});

/** Tests that count every request of the sandbox get one of their own. */
describe.concurrent('bms session requests', () => {
  it('second run makes no login', async () => {
    const sandbox = await startSandbox({});
    const cli = await createCliHome();
    try {
      const environment = cliEnvironment(sandbox.url, cli);
      const first = await runBms(['tickets', 'get', '12345'], environment);
      expect(first.exitCode, first.stderr).toBe(0);
      expect(requestsSince(sandbox)[AUTHENTICATE]).toBe(1);

      markRequests(sandbox);
      const second = await runBms(['notes', 'list', '12345'], environment);
      expect(second.exitCode, second.stderr).toBe(0);
      const requests = requestsSince(sandbox);
      expect(requests[AUTHENTICATE]).toBeUndefined();
      expect(requests[REFRESH]).toBeUndefined();
      expect(requests['GET /v2/servicedesk/tickets/{ticketId}/notes']).toBe(1);
    } finally {
      await sandbox.close();
      await cli.remove();
    }
  });

  it('refreshes near expiry', async () => {
    // Access tokens that last 30 s are within the one-minute margin at once, so the second run refreshes.
    const sandbox = await startSandbox({ accessTokenTtlSeconds: 30 });
    const cli = await createCliHome();
    try {
      const environment = cliEnvironment(sandbox.url, cli);
      expect((await runBms(['auth', 'login'], environment)).exitCode).toBe(0);
      const before = await readTokenFile(cli.tokenFile);

      markRequests(sandbox);
      const run = await runBms(['tickets', 'get', '12345'], environment);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(requestsSince(sandbox)[REFRESH]).toBe(1);
      expect(requestsSince(sandbox)[AUTHENTICATE]).toBeUndefined();
      expect((await readTokenFile(cli.tokenFile))?.refreshToken).not.toBe(before?.refreshToken);
    } finally {
      await sandbox.close();
      await cli.remove();
    }
  });

  it('rejected token means login', async () => {
    const sandbox = await startSandbox({});
    const cli = await createCliHome();
    try {
      await storeSession(sandbox, cli);
      const revoked = await fetch(`${sandbox.url}/__sandbox/revoke`, {
        method: 'POST',
        body: JSON.stringify({ userName: SANDBOX_USERS.jane.userName }),
      });
      expect(revoked.ok).toBe(true);

      const run = await runBms(['tickets', 'get', '12345'], cliEnvironment(sandbox.url, cli));
      expect(run.exitCode, run.stderr).toBe(0);
      const requests = requestsSince(sandbox);
      expect(requests['GET /v2/servicedesk/tickets/{ticketId}']).toBe(2);
      expect(requests[REFRESH]).toBe(1);
      expect(requests[AUTHENTICATE]).toBe(1);
    } finally {
      await sandbox.close();
      await cli.remove();
    }
  });
});

describe.concurrent('bms with the embedded sandbox', () => {
  it('runs twice on one token file', async () => {
    const cli = await createCliHome();
    try {
      const environment = cliEnvironment('sandbox', cli, { LOG_LEVEL: 'info' });
      const first = await runBms(['tickets', 'get', '12345'], environment);
      expect(first.exitCode, first.stderr).toBe(0);
      // The second process starts a new sandbox that never issued the stored token: it must log in again unasked.
      const second = await runBms(['tickets', 'get', '12345'], environment);
      expect(second.exitCode, second.stderr).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toContain('BMS rejected the stored access token');
    } finally {
      await cli.remove();
    }
  });

  it('npx bms in another directory', async () => {
    const cli = await createCliHome();
    try {
      // A tsconfig.json of another project in the working directory must not change how bms runs.
      await writeFile(join(cli.home, 'tsconfig.json'), '{"compilerOptions": {"module": "commonjs"}}');
      const environment = cliEnvironment('sandbox', cli, {
        // npx would otherwise ask the npm registry for a newer npm.
        NPM_CONFIG_UPDATE_NOTIFIER: 'false',
        NPM_CONFIG_OFFLINE: 'true',
      });
      const direct = await runBms(['ticket', '12345'], environment, { cwd: cli.home });
      expect(direct.exitCode, direct.stderr).toBe(0);
      const viaNpx = await runBms(['tickets', 'get', '12345'], environment, {
        command: ['npx', '--no-install', 'bms'],
        cwd: join(REPOSITORY_ROOT, 'src'),
      });
      expect(viaNpx.exitCode, viaNpx.stderr).toBe(0);
      expect(viaNpx.stdout).toBe(direct.stdout);
    } finally {
      await cli.remove();
    }
  });
});
