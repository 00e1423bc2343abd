import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway database servers on loopback for the store suites. Each finder returns undefined when
 * the server cannot run here, so that a suite can skip itself by name with the reason.
 */

export function findExecutable(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    const candidate = join(folder, name);
    if (folder !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1 (free when asked; the server binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolvePort(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Resolves once `child` prints `readyText` on stdout or stderr; rejects when it exits first. */
function waitForOutput(child: ChildProcess, readyText: string, name: string): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyText)) resolveReady();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with code ${code} before it was ready:\n${output}`)),
    );
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill(signal);
  });
}

export const redisServerPath = findExecutable('redis-server');

/** Starts a redis-server with no persistence on a free loopback port. */
export async function startRedis(): Promise<RunningServer> {
  if (!redisServerPath) throw new Error('redis-server is not installed');
  const port = await freePort();
  const child = spawn(
    redisServerPath,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForOutput(child, 'Ready to accept connections', 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

const isRoot = process.getuid?.() === 0;
const postgresBin = findPostgresBin();

/** uid and gid of the `postgres` system user, which runs the cluster when the tests run as root. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

const runAs = isRoot ? postgresUser() : undefined;

/** Why a throwaway PostgreSQL cannot be started here, or undefined when it can. */
export const postgresUnavailable: string | undefined = !postgresBin
  ? 'no PostgreSQL server binaries under /usr/lib/postgresql'
  : isRoot && !runAs
    ? 'running as root and no postgres system user to run PostgreSQL as'
    : undefined;

/**
 * Starts a PostgreSQL cluster in a temporary folder, on a free loopback port, with trust
 * authentication. PostgreSQL refuses to run as root, so as root the cluster runs as the
 * `postgres` system user.
 */
export async function startPostgres(): Promise<RunningServer> {
  if (!postgresBin || postgresUnavailable)
    throw new Error(postgresUnavailable ?? 'PostgreSQL is unavailable');
  const folder = mkdtempSync(join(tmpdir(), 'bms-slack-pg-'));
  const dataDir = join(folder, 'data');
  if (runAs) chownSync(folder, runAs.uid, runAs.gid);

  execFileSync(join(postgresBin, 'initdb'), ['-D', dataDir, '-U', 'bms', '-A', 'trust', '--no-sync'], {
    stdio: 'pipe',
    ...runAs,
  });

  const port = await freePort();
  const child = spawn(
    join(postgresBin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { stdio: ['ignore', 'pipe', 'pipe'], ...runAs },
  );
  await waitForOutput(child, 'database system is ready to accept connections', 'postgres');
  return {
    url: `postgres://bms@127.0.0.1:${port}/postgres`,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
      await stopChild(child, 'SIGINT');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
