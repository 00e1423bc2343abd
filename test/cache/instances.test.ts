import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createBmsCache, STAMP_MEMO_MS } from '../../src/cache/index.ts';
import { claimKeyOf, scopeKeys } from '../../src/cache/stored.ts';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { openStore, type Store } from '../../src/store.ts';
import {
  ACCOUNTS_PATH,
  type CacheSetup,
  countingApi,
  createCacheSetup,
  JANE_SCOPE,
  type SandboxSession,
  startSandboxSession,
  TTL_MS,
} from './harness.ts';

let session: SandboxSession;
let directory: string;
let stores: Store[];

beforeAll(async () => {
  session = await startSandboxSession(300);
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bms-cache-'));
  stores = [];
});

afterEach(async () => {
  for (const store of stores) await store.close();
  await rm(directory, { recursive: true, force: true });
});

/** Starts one app instance: its own store connection to the shared SQLite file, and its own cache. */
async function startInstance(clock = createManualClock()): Promise<CacheSetup> {
  const store = await openStore(`sqlite://${join(directory, 'shared.sqlite')}`, { clock });
  stores.push(store);
  return createCacheSetup({ store, clock });
}

async function pagesOfOneLoad(): Promise<number> {
  const before = session.requests(ACCOUNTS_PATH);
  await session.api.lookupAllAccounts();
  return session.requests(ACCOUNTS_PATH) - before;
}

describe('cache across instances', () => {
  test('concurrent misses load once', async () => {
    const pages = await pagesOfOneLoad();
    const first = await startInstance();
    const second = await startInstance();
    const api = countingApi(session.api);
    const before = session.requests(ACCOUNTS_PATH);

    const reads = await Promise.all([
      first.cache.forUser(JANE_SCOPE, api.get).accounts(),
      second.cache.forUser(JANE_SCOPE, api.get).accounts(),
      first.cache.forUser(JANE_SCOPE, api.get).searchAccounts('co'),
      second.cache.forUser(JANE_SCOPE, api.get).searchAccounts('co'),
    ]);

    // The list loads once, and the searches that came before it share one name search.
    expect(session.requests(ACCOUNTS_PATH) - before).toBe(pages + 1);
    expect(api.calls()).toBe(2);
    expect(reads[0]?.loadedAt).toBe(reads[1]?.loadedAt);
    expect(first.claimWaits.length + second.claimWaits.length).toBeGreaterThan(0);
  });

  test('second instance is warm', async () => {
    const first = await startInstance();
    const second = await startInstance();
    await first.cache.forUser(JANE_SCOPE, async () => session.api).lookup('queues');
    const requests = session.requests();
    const cached = await second.cache
      .forUser(JANE_SCOPE, async () => {
        throw new Error('a warm read must not ask for a BMS session');
      })
      .lookup('queues');
    expect(cached.stale).toBe(false);
    expect(session.requests()).toBe(requests);
  });

  test('refresh elsewhere replaces the decoded list', async () => {
    const first = await startInstance();
    const second = await startInstance();
    const onFirst = first.cache.forUser(JANE_SCOPE, async () => session.api);
    const before = await onFirst.accounts();
    expect(await onFirst.accounts()).toEqual(before);

    // The other instance reloads from a BMS whose list has changed: a smaller sandbox plays it.
    const changed = await startSandboxSession(20);
    try {
      second.clock.advance(1000);
      await second.cache.forUser(JANE_SCOPE, async () => changed.api).refresh('accounts');
    } finally {
      await changed.close();
    }

    // This instance reuses the stamp it read for STAMP_MEMO_MS, so it reads the reload only after that.
    first.clock.advance(STAMP_MEMO_MS);
    const after = await onFirst.accounts();
    expect(after.value).not.toBe(before.value);
    expect(after.value.length).toBeLessThan(before.value.length);
    expect(after.loadedAt).toBe(before.loadedAt + 1000);
    expect((await onFirst.searchAccounts('e', 100)).value.every((account) => account.Id <= 20)).toBe(true);
  });

  test('reload elsewhere unseen within the memo', async () => {
    const first = await startInstance();
    const second = await startInstance();
    const onFirst = first.cache.forUser(JANE_SCOPE, async () => session.api);
    const before = await onFirst.accounts();

    second.clock.advance(1000);
    await second.cache.forUser(JANE_SCOPE, async () => session.api).refresh('accounts');
    first.clock.advance(STAMP_MEMO_MS - 1);
    expect((await onFirst.accounts()).loadedAt).toBe(before.loadedAt);
    first.clock.advance(1);
    expect((await onFirst.accounts()).loadedAt).toBe(before.loadedAt + 1000);
  });

  test('claim of a dead holder lapses', async () => {
    const clock = createManualClock();
    const claimTtlMs = 10_000;
    // The dead instance claimed the account list and never released it.
    const dead = await openStore(`sqlite://${join(directory, 'shared.sqlite')}`, { clock });
    stores.push(dead);
    expect(await dead.claim(claimKeyOf(scopeKeys(JANE_SCOPE).accounts), claimTtlMs)).toBe(true);

    const store = await openStore(`sqlite://${join(directory, 'shared.sqlite')}`, { clock });
    stores.push(store);
    const waits: number[] = [];
    const logger = createMemoryLogger();
    const cache = createBmsCache({
      store,
      clock,
      logger,
      ttlMs: TTL_MS,
      claimTtlMs,
      claimPollMs: 250,
      // Waiting moves the clock that judges the claim, so it lapses without real time passing.
      sleep: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
      },
    });
    const pages = await pagesOfOneLoad();
    const before = session.requests(ACCOUNTS_PATH);

    const cached = await cache.forUser(JANE_SCOPE, async () => session.api).accounts();

    expect(cached.value.length).toBeGreaterThan(0);
    expect(session.requests(ACCOUNTS_PATH) - before).toBe(pages);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(claimTtlMs);
    // It took the lapsed claim; it did not give up waiting and load without one.
    expect(logger.lines.filter((line) => line.includes('still held'))).toEqual([]);
  });
});
