import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_USERS,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import {
  BMS_BIN,
  type CliHome,
  cliEnvironment,
  createCliHome,
  openProbe,
  REPOSITORY_ROOT,
  type SandboxProbe,
  storeSession,
} from './harness.ts';

const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;

interface TerminalRun {
  exitCode: number;
  output: string;
}

/** Runs `bms ARGV` on a pseudo-terminal, typing each reply once its prompt text has appeared. */
function runOnTerminal(
  argv: string[],
  environment: Record<string, string>,
  answers: [prompt: string, reply: string][] = [],
): Promise<TerminalRun> {
  const request = JSON.stringify({ argv: [process.execPath, BMS_BIN, ...argv], answers });
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [DRIVER, request], { env: environment, cwd: REPOSITORY_ROOT });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(stdout) as TerminalRun));
  });
}

// The pseudo-terminal needs python3's pty module; without python3 these tests report as skipped.
describe.skipIf(!hasPython).concurrent('bms on a terminal', () => {
  let sandbox: SandboxServer;
  let probe: SandboxProbe;
  const homes: CliHome[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({});
    probe = await openProbe(sandbox);
  });

  afterAll(async () => {
    await probe.close();
    await sandbox.close();
    await Promise.all(homes.map((home) => home.remove()));
  });

  async function signedIn(): Promise<Record<string, string>> {
    const cli = await createCliHome();
    homes.push(cli);
    await storeSession(sandbox, cli);
    return cliEnvironment(sandbox.url, cli);
  }

  it('asks for the MFA code unseen', async () => {
    const cli = await createCliHome();
    homes.push(cli);
    const environment = cliEnvironment(sandbox.url, cli, { BMS_USERNAME: SANDBOX_USERS.mfa.userName });
    const run = await runOnTerminal(['auth', 'login'], environment, [['MFA code', `${SANDBOX_MFA_CODE}\r`]]);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain(SANDBOX_USERS.mfa.fullName);
    expect(run.output).not.toContain(SANDBOX_MFA_CODE);
  });

  it('deletes after yes', async () => {
    const ticketId = SAMPLE_TICKET_ID + 1;
    const run = await runOnTerminal(['tickets', 'delete', String(ticketId)], await signedIn(), [
      ['[y/N]', 'y\r'],
    ]);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain(`Delete ticket T`);
    await expect(probe.api.getTicket(ticketId)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps the ticket after no', async () => {
    const ticketId = SAMPLE_TICKET_ID + 2;
    const run = await runOnTerminal(['tickets', 'delete', String(ticketId)], await signedIn(), [
      ['[y/N]', 'n\r'],
    ]);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('Nothing was deleted.');
    await expect(probe.api.getTicket(ticketId)).resolves.toMatchObject({ Id: ticketId });
  });

  it('shows progress while accounts load', async () => {
    const run = await runOnTerminal(['accounts'], await signedIn());
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Loading accounts from BMS: \d+ of \d+/);
    expect(run.output).toContain('\u001b[2K');
  });

  it('shows no progress with --json', async () => {
    const run = await runOnTerminal(['accounts', '--json'], await signedIn());
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).not.toContain('Loading accounts');
    expect(run.output).not.toContain('\u001b');
  });
});
