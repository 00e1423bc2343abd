import { setTimeout as delay } from 'node:timers/promises';
import { type BmsApi, type BmsClient, createBmsClient } from '../../src/bms/index.ts';
import {
  type BmsCache,
  type BmsCacheOptions,
  type CacheScope,
  createBmsCache,
} from '../../src/cache/index.ts';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger, type Logger } from '../../src/log.ts';
import {
  type FaultKind,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { openStore, type Store } from '../../src/store.ts';

export type ManualClock = ReturnType<typeof createManualClock>;

export const HOUR_MS = 60 * 60 * 1000;
export const TTL_MS = 24 * HOUR_MS;
export const ACCOUNTS_PATH = '/v2/crm/accounts/lookup';
export const LOCATIONS_PATH = '/v2/crm/accounts/{accountId}/locations/lookup';
export const STATUSES_PATH = '/v2/system/statuses/lookup';

export const JANE_SCOPE: CacheScope = { tenant: SANDBOX_TENANT, bmsUserId: SANDBOX_USERS.jane.userId };

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A sandbox with a client logged in as jane.doe; the client never retries, so one failure is one request. */
export interface SandboxSession {
  sandbox: SandboxServer;
  client: BmsClient;
  api: BmsApi;
  /** BMS requests served so far, by `METHOD /path/template`, without the login. */
  requests(template?: string): number;
  fault(fault: FaultKind, path: string): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandboxSession(accounts = 300): Promise<SandboxSession> {
  const sandbox = await startSandbox({ accounts, logger: silent });
  const client = createBmsClient({
    baseUrl: sandbox.url,
    logger: silent,
    timeoutMs: 5000,
    retry: { maxRetries: 0 },
  });
  const tokens = await client.authenticate({
    tenant: SANDBOX_TENANT,
    userName: SANDBOX_USERS.jane.userName,
    password: SANDBOX_PASSWORD,
  });
  const api = client.withToken(tokens.accessToken);

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`Sandbox control ${method} ${path} failed with HTTP ${response.status}.`);
  };

  return {
    sandbox,
    client,
    api,
    requests(template) {
      const stats = sandbox.stats();
      if (template !== undefined) return stats[`GET ${template}`] ?? 0;
      return Object.entries(stats)
        .filter(([route]) => !route.includes('/security/') && !route.includes('/token'))
        .reduce((sum, [, count]) => sum + count, 0);
    },
    // times 0: every matching request fails until the faults are cleared.
    fault: (fault, path) => control('POST', 'faults', { fault, path, times: 0 }),
    clearFaults: () => control('DELETE', 'faults'),
    async close() {
      await client.close();
      await sandbox.close();
    },
  };
}

export interface CacheSetup {
  store: Store;
  clock: ManualClock;
  logger: ReturnType<typeof createMemoryLogger>;
  cache: BmsCache;
  /** Every pause the cache took while waiting for another holder's claim, in ms. */
  claimWaits: number[];
  close(): Promise<void>;
}

/** Creates a cache over a fresh in-memory SQLite store (unless given one), with a manual clock and a memory logger. */
export async function createCacheSetup(
  options: Partial<Omit<BmsCacheOptions, 'clock' | 'logger'>> & { clock?: ManualClock } = {},
): Promise<CacheSetup> {
  const { store: givenStore, clock: givenClock, ...rest } = options;
  const store = givenStore ?? (await openStore('sqlite://:memory:'));
  const clock = givenClock ?? createManualClock();
  const logger = createMemoryLogger();
  const claimWaits: number[] = [];
  const cache = createBmsCache({
    store,
    clock,
    logger,
    ttlMs: TTL_MS,
    claimPollMs: 5,
    sleep: async (ms) => {
      claimWaits.push(ms);
      await delay(ms);
    },
    ...rest,
  });
  return {
    store,
    clock,
    logger,
    cache,
    claimWaits,
    async close() {
      await cache.idle();
      await store.close();
    },
  };
}

/** Wraps `api` in a factory that counts how often the cache requested a BMS session. */
export function countingApi(api: BmsApi): { get: () => Promise<BmsApi>; calls: () => number } {
  let calls = 0;
  return {
    get: async () => {
      calls++;
      return api;
    },
    calls: () => calls,
  };
}

/** Signs the sandbox's MFA user in to `session`'s sandbox: a second BMS user, with fewer visible accounts than jane. */
export async function signInAsMfaUser(session: SandboxSession): Promise<BmsApi> {
  const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
  const client = createBmsClient({ baseUrl: session.sandbox.url, logger: silent, retry: { maxRetries: 0 } });
  const tokens = await client.authenticate({
    tenant: SANDBOX_TENANT,
    userName: SANDBOX_USERS.mfa.userName,
    password: SANDBOX_PASSWORD,
    mfaCode: SANDBOX_MFA_CODE,
  });
  return client.withToken(tokens.accessToken);
}
