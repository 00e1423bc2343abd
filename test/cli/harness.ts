import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BmsApi, createBmsClient } from '../../src/bms/index.ts';
import { writeTokenFile } from '../../src/cli/token-file.ts';
import { createMemoryLogger } from '../../src/log.ts';
import {
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxServer,
  type SandboxUser,
} from '../../src/sandbox/index.ts';

export const BMS_BIN = fileURLToPath(new URL('../../bin/bms.js', import.meta.url));
export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BmsRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** A home directory of its own for one test, with the token and cache files inside it. */
export interface CliHome {
  home: string;
  tokenFile: string;
  cacheFile: string;
  remove(): Promise<void>;
}

export async function createCliHome(): Promise<CliHome> {
  const home = await mkdtemp(join(tmpdir(), 'bms-cli-'));
  return {
    home,
    tokenFile: join(home, '.bms_token.json'),
    cacheFile: join(home, '.cache', 'bms-slack', 'cache.json'),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/**
 * Builds the environment of one run: only PATH and the BMS settings, so that settings of the shell that
 * runs the tests never leak in. BMS_TOKEN_FILE and BMS_CACHE_FILE stay unset, so that the
 * defaults under HOME are what the tests see.
 */
export function cliEnvironment(
  apiBase: string,
  home: CliHome,
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const environment: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR,
    HOME: home.home,
    BMS_API_BASE: apiBase,
    BMS_TENANT: SANDBOX_TENANT,
    BMS_USERNAME: SANDBOX_USERS.jane.userName,
    BMS_PASSWORD: SANDBOX_PASSWORD,
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Runs `node bin/bms.js ARGV` without a terminal: standard input is /dev/null and output is piped. */
export function runBms(
  argv: readonly string[],
  environment: Record<string, string>,
  options: { command?: string[]; cwd?: string } = {},
): Promise<BmsRun> {
  const [program, ...prefix] = options.command ?? [process.execPath, BMS_BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(program as string, [...prefix, ...argv], {
      env: environment,
      cwd: options.cwd ?? REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** A test's own view of the sandbox, to read the state a run left behind. Count requests before using it. */
export interface SandboxProbe {
  api: BmsApi;
  close(): Promise<void>;
}

export async function openProbe(
  sandbox: SandboxServer,
  user: SandboxUser = SANDBOX_USERS.jane,
): Promise<SandboxProbe> {
  const client = createBmsClient({ baseUrl: sandbox.url, logger: createMemoryLogger() });
  const tokens = await client.authenticate({
    tenant: SANDBOX_TENANT,
    userName: user.userName,
    password: SANDBOX_PASSWORD,
  });
  return { api: client.withToken(tokens.accessToken), close: () => client.close() };
}

/**
 * Stores a session of jane.doe in the token file, as a previous `bms auth login` would have,
 * so that the run under test makes only its own calls. Counts requests from then on.
 */
export async function storeSession(
  sandbox: SandboxServer,
  home: CliHome,
  apiBase = sandbox.url,
): Promise<void> {
  const client = createBmsClient({ baseUrl: sandbox.url, logger: createMemoryLogger() });
  const user = SANDBOX_USERS.jane;
  const tokens = await client.authenticate({
    tenant: SANDBOX_TENANT,
    userName: user.userName,
    password: SANDBOX_PASSWORD,
  });
  await client.close();
  await writeTokenFile(home.tokenFile, {
    apiBase,
    tenant: SANDBOX_TENANT,
    userName: user.userName,
    bmsUserId: user.userId,
    bmsUserName: user.fullName,
    ...tokens,
  });
  markRequests(sandbox);
}

const baselines = new WeakMap<SandboxServer, Record<string, number>>();

/** Starts counting requests from now on, without reseeding tickets or ending tokens as a reset would. */
export function markRequests(sandbox: SandboxServer): void {
  baselines.set(sandbox, sandbox.stats());
}

/** Requests per `METHOD /path/template` since the last markRequests (or since the sandbox started). */
export function requestsSince(sandbox: SandboxServer): Record<string, number> {
  const baseline = baselines.get(sandbox) ?? {};
  const counts: Record<string, number> = {};
  for (const [endpoint, count] of Object.entries(sandbox.stats())) {
    const since = count - (baseline[endpoint] ?? 0);
    if (since > 0) counts[endpoint] = since;
  }
  return counts;
}

export const AUTHENTICATE = 'POST /v2/security/authenticate';
export const REFRESH = 'POST /v2/security/refreshtoken';
export const ACCOUNT_LOOKUP = 'GET /v2/crm/accounts/lookup';
