import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BmsApi, type BmsClient, createBmsClient } from '../../src/bms/index.ts';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { type SandboxServer, startSandbox } from '../../src/sandbox/index.ts';
import { openStore, type Store } from '../../src/store.ts';
import { createKeyRing, type KeyRing } from '../../src/vault/crypto.ts';
import { createSessionManager, type SessionManager } from '../../src/vault/sessions.ts';
import { createVault, type Vault } from '../../src/vault/vault.ts';

/** Start of both clocks: the sandbox's (token expiry) and the session manager's. */
export const START = Date.parse('2026-01-05T09:00:00Z');

export type ManualClock = ReturnType<typeof createManualClock>;
export type MemoryLogger = ReturnType<typeof createMemoryLogger>;

/** One app instance: its own store connection, vault and session manager, as a second process would have. */
export interface Instance {
  store: Store;
  vault: Vault;
  sessions: SessionManager<BmsApi>;
  /** Store claims the session manager made. */
  claims: number;
}

export interface SessionHarness {
  sandbox: SandboxServer;
  client: BmsClient;
  clock: ManualClock;
  logger: MemoryLogger;
  keyRing: KeyRing;
  storePath: string;
  /** Opens another instance on the same store file, sandbox and clock. */
  openInstance(): Promise<Instance>;
  /** Moves the manager's clock and, through `POST /__sandbox/clock`, the sandbox's. */
  advance(seconds: number): Promise<void>;
  /** Requests per `METHOD /path/template` since the sandbox started or was reset. */
  stats(): Promise<Record<string, number>>;
  control(path: string, body: unknown): Promise<void>;
  close(): Promise<void>;
}

/** Passes control to other callbacks and returns; the refresh wait's polling runs on it. */
export const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function startSessionHarness(): Promise<SessionHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'bms-slack-vault-'));
  const storePath = join(folder, 'store.sqlite');
  const clock = createManualClock(START);
  const logger = createMemoryLogger();
  const sandbox = await startSandbox({ accounts: 20, tickets: 20, clock: createManualClock(START) });
  const client = createBmsClient({
    baseUrl: sandbox.url,
    logger,
    timeoutMs: 5_000,
    retry: { sleep: yieldOnce },
  });
  const keyRing = createKeyRing(randomBytes(32));
  const instances: Instance[] = [];

  const harness: SessionHarness = {
    sandbox,
    client,
    clock,
    logger,
    keyRing,
    storePath,

    async openInstance() {
      const store = await openStore(`sqlite://${storePath}`, { clock, logger });
      const vault = createVault({ store, keyRing, clock });
      const counted = {
        claim: (key: string, ttlMs: number) => {
          instance.claims += 1;
          return store.claim(key, ttlMs);
        },
        release: (key: string) => store.release(key),
      };
      const sessions = createSessionManager({
        vault,
        client,
        store: counted,
        logger,
        clock,
        // Polling yields instead of waiting: the other instance's refresh is real loopback HTTP.
        refreshWait: { attempts: 100_000 },
        sleep: yieldOnce,
      });
      const instance: Instance = { store, vault, sessions, claims: 0 };
      instances.push(instance);
      return instance;
    },

    async advance(seconds) {
      clock.advance(seconds * 1000);
      await harness.control('clock', { advanceSeconds: seconds });
    },

    async stats() {
      const response = await fetch(`${sandbox.url}/__sandbox/stats`);
      const body = (await response.json()) as { requests: Record<string, number> };
      return body.requests;
    },

    async control(path, body) {
      const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox control ${path} failed with HTTP ${response.status}`);
      await response.arrayBuffer();
    },

    async close() {
      for (const instance of instances) await instance.store.close();
      await client.close();
      await sandbox.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

export const REFRESH = 'POST /v2/security/refreshtoken';
export const AUTHENTICATE = 'POST /v2/security/authenticate';
