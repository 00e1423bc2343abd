import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BmsError, isBmsError } from '../../src/bms/index.ts';
import { LOOKUP_KINDS, type UserCache } from '../../src/cache/index.ts';
import { CACHE_NAMESPACE, scopeKeys } from '../../src/cache/stored.ts';
import {
  ACCOUNTS_PATH,
  type CacheSetup,
  countingApi,
  createCacheSetup,
  JANE_SCOPE,
  LOCATIONS_PATH,
  type SandboxSession,
  STATUSES_PATH,
  startSandboxSession,
  TTL_MS,
} from './harness.ts';

let session: SandboxSession;
let setup: CacheSetup;
let api: ReturnType<typeof countingApi>;
let user: UserCache;
/** Requests of one whole account list load. */
let accountPages: number;
/** Accounts jane may see: the sandbox's accounts without the restricted and the inactive ones. */
let visibleAccounts: number;

beforeAll(async () => {
  session = await startSandboxSession(300);
  const before = session.requests(ACCOUNTS_PATH);
  visibleAccounts = (await session.api.lookupAllAccounts()).length;
  accountPages = session.requests(ACCOUNTS_PATH) - before;
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  setup = await createCacheSetup();
  api = countingApi(session.api);
  user = setup.cache.forUser(JANE_SCOPE, api.get);
});

afterEach(async () => {
  await session.clearFaults();
  await setup.close();
});

async function rejection(action: () => Promise<unknown>): Promise<BmsError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof BmsError) return error;
    throw error;
  }
  throw new Error('expected a BmsError, but the call succeeded');
}

function warnings(): string[] {
  return setup.logger.lines.filter((line) => line.includes(' WARN '));
}

describe('cache when warm', () => {
  test('repeated reads call BMS zero times', async () => {
    await user.accounts();
    await user.locations(1);
    await user.locations(2);
    for (const kind of LOOKUP_KINDS) await user.lookup(kind);
    const requests = session.requests();
    const sessions = api.calls();

    for (let round = 0; round < 5; round++) {
      const search = await user.searchAccounts('cont');
      expect(search.stale).toBe(false);
      expect(search.value.length).toBeGreaterThan(0);
      await user.searchAccounts('');
      await user.accounts();
      await user.listAccounts();
      await user.locationOptions(1);
      await user.locationsOf(2);
      for (const kind of LOOKUP_KINDS) expect((await user.lookup(kind)).value.length).toBeGreaterThan(0);
    }

    expect(session.requests()).toBe(requests);
    expect(api.calls()).toBe(sessions);
  });

  test('a new user cache of the scope is warm', async () => {
    await user.accounts();
    const requests = session.requests();
    const other = setup.cache.forUser({ ...JANE_SCOPE }, api.get);
    expect((await other.accounts()).value.length).toBe(visibleAccounts);
    expect(session.requests()).toBe(requests);
  });

  test('keystrokes reuse the decoded list', async () => {
    await user.accounts();
    // With its stamp unchanged, the list is served from memory: the stored copy is not read again.
    await setup.store.keyv(CACHE_NAMESPACE).delete(scopeKeys(JANE_SCOPE).accounts);
    const calls = api.calls();

    expect((await user.accounts()).value).toHaveLength(visibleAccounts);
    expect((await user.searchAccounts('')).value.length).toBeGreaterThan(0);
    expect(api.calls()).toBe(calls);
  });

  test('listAccounts returns a copy', async () => {
    const copy = await user.listAccounts();
    copy.length = 0;
    expect((await user.accounts()).value.length).toBe(visibleAccounts);
  });
});

describe('cache on a miss', () => {
  test('20 concurrent misses load once', async () => {
    const before = session.requests(ACCOUNTS_PATH);
    const reads = Array.from({ length: 20 }, (_, index) => {
      if (index % 3 === 0) return user.searchAccounts('co').then((cached) => cached.loadedAt);
      if (index % 3 === 1) return user.accounts().then((cached) => cached.loadedAt);
      return user.listAccounts().then(() => setup.clock());
    });
    const loadedAts = await Promise.all(reads);

    // The searches that came before the list share one name search.
    expect(session.requests(ACCOUNTS_PATH) - before).toBe(accountPages + 1);
    expect(api.calls()).toBe(2);
    expect(new Set(loadedAts).size).toBe(1);
    // Within one process the callers share the load itself and never wait for the store claim.
    expect(setup.claimWaits).toEqual([]);
  });

  test('concurrent location misses load once', async () => {
    const before = session.requests(LOCATIONS_PATH);
    const reads = await Promise.all(Array.from({ length: 20 }, () => user.locationOptions(1)));
    expect(session.requests(LOCATIONS_PATH) - before).toBe(1);
    expect(setup.claimWaits).toEqual([]);
    expect(reads.every((cached) => cached.value.length === reads[0]?.value.length)).toBe(true);
  });

  test('BMS failure propagates with nothing cached', async () => {
    await session.fault('http500', STATUSES_PATH);
    const error = await rejection(() => user.lookup('statuses'));
    expect(error.kind).toBe('server');

    // The failure is not cached: the next read after BMS recovers loads.
    await session.clearFaults();
    const cached = await user.lookup('statuses');
    expect(cached.stale).toBe(false);
    expect(cached.value.length).toBeGreaterThan(0);
  });

  test('account list failure propagates', async () => {
    await session.fault('http500', ACCOUNTS_PATH);
    await expect(user.accounts()).rejects.toSatisfy((error) => isBmsError(error, 'server'));
    expect(await user.age()).toBeUndefined();
  });

  test('search failure returns no accounts', async () => {
    await session.fault('http500', ACCOUNTS_PATH);
    const found = await user.searchAccounts('co');
    await setup.cache.idle();
    expect(found.value).toEqual([]);
    expect(found.stale).toBe(true);
    expect(warnings().some((line) => line.includes('Account search failed'))).toBe(true);
  });

  test('forbidden account propagates', async () => {
    const error = await rejection(() => user.locations(6));
    expect(error.kind).toBe('forbidden');
  });
});

describe('cache after expiry', () => {
  test('serves stale while one refresh runs', async () => {
    const warm = await user.accounts();
    const before = session.requests(ACCOUNTS_PATH);
    setup.clock.advance(TTL_MS + 1);

    const reads = await Promise.all(Array.from({ length: 20 }, () => user.searchAccounts('cont')));
    for (const read of reads) {
      expect(read.stale).toBe(true);
      expect(read.loadedAt).toBe(warm.loadedAt);
    }
    await setup.cache.idle();

    expect(session.requests(ACCOUNTS_PATH) - before).toBe(accountPages);
    const after = await user.accounts();
    expect(after.stale).toBe(false);
    expect(after.loadedAt).toBe(setup.clock());
  });

  test('just before expiry is fresh', async () => {
    await user.lookup('queues');
    const before = session.requests('/v2/system/queues/lookup');
    setup.clock.advance(TTL_MS - 1);
    const cached = await user.lookup('queues');
    await setup.cache.idle();
    expect(cached.stale).toBe(false);
    expect(session.requests('/v2/system/queues/lookup')).toBe(before);
  });

  test('serves stale when BMS fails', async () => {
    const warm = await user.lookup('statuses');
    setup.clock.advance(TTL_MS + 1);
    await session.fault('http500', STATUSES_PATH);
    const before = session.requests(STATUSES_PATH);

    const first = await user.lookup('statuses');
    await setup.cache.idle();
    expect(first).toEqual({ value: warm.value, stale: true, loadedAt: warm.loadedAt });
    expect(session.requests(STATUSES_PATH) - before).toBe(1);
    expect(
      warnings().some((line) => line.includes('Cache refresh from BMS failed') && line.includes('statuses')),
    ).toBe(true);

    // Right after a failure, reads serve the stored value without calling BMS again.
    const second = await user.lookup('statuses');
    await setup.cache.idle();
    expect(second.stale).toBe(true);
    expect(session.requests(STATUSES_PATH) - before).toBe(1);

    // Once BMS recovers and the retry pause has passed, the next read refreshes in the background.
    await session.clearFaults();
    setup.clock.advance(60_000);
    expect((await user.lookup('statuses')).stale).toBe(true);
    await setup.cache.idle();
    const recovered = await user.lookup('statuses');
    expect(recovered.stale).toBe(false);
    expect(recovered.loadedAt).toBe(setup.clock());
  });

  test('stale account list when BMS fails', async () => {
    await user.accounts();
    setup.clock.advance(TTL_MS * 3);
    await session.fault('http500', ACCOUNTS_PATH);
    const found = await user.searchAccounts('contoso');
    await setup.cache.idle();
    expect(found.stale).toBe(true);
    expect(found.value.map((account) => account.Id)).toEqual([1, 2, 3]);
    expect(warnings().some((line) => line.includes('list=accounts'))).toBe(true);
  });
});

describe('cache refresh', () => {
  test('reloads a fresh list', async () => {
    const warm = await user.lookup('priorities');
    setup.clock.advance(1000);
    const before = session.requests('/v2/system/priorities/lookup');
    await user.refresh('priorities');
    expect(session.requests('/v2/system/priorities/lookup') - before).toBe(1);
    const after = await user.lookup('priorities');
    expect(after.loadedAt).toBe(warm.loadedAt + 1000);
  });

  test('without a kind reloads every list', async () => {
    await user.accounts();
    await user.locations(1);
    const before = session.sandbox.stats();
    await user.refresh();
    const after = session.sandbox.stats();

    expect((after[`GET ${ACCOUNTS_PATH}`] ?? 0) - (before[`GET ${ACCOUNTS_PATH}`] ?? 0)).toBe(accountPages);
    expect(after['GET /v2/system/statuses/lookup']).toBe((before['GET /v2/system/statuses/lookup'] ?? 0) + 1);
    expect(after['GET /v2/servicedesk/templates/timelogs/lookup']).toBe(
      (before['GET /v2/servicedesk/templates/timelogs/lookup'] ?? 0) + 1,
    );
    // Locations are reloaded on their next read only.
    expect(after[`GET ${LOCATIONS_PATH}`]).toBe(before[`GET ${LOCATIONS_PATH}`]);
    await user.locations(1);
    expect(session.requests(LOCATIONS_PATH)).toBe((before[`GET ${LOCATIONS_PATH}`] ?? 0) + 1);
  });

  test('failure rejects and keeps the value', async () => {
    const warm = await user.lookup('statuses');
    await session.fault('http500', STATUSES_PATH);
    const error = await rejection(() => user.refresh('statuses'));
    expect(error.kind).toBe('server');
    expect(await user.lookup('statuses')).toEqual({
      value: warm.value,
      stale: false,
      loadedAt: warm.loadedAt,
    });
  });

  test('invalidated locations served stale when BMS fails', async () => {
    const warm = await user.locations(1);
    await user.refresh('locations');
    await session.fault('http500', LOCATIONS_PATH);
    const cached = await user.locations(1);
    expect(cached).toEqual({ value: warm.value, stale: true, loadedAt: warm.loadedAt });
    expect(warnings().some((line) => line.includes('list=locations'))).toBe(true);
  });

  test('unknown kind rejects', async () => {
    await expect(user.refresh('widgets' as 'accounts')).rejects.toThrow(RangeError);
    await expect(user.lookup('widgets' as 'statuses')).rejects.toThrow(RangeError);
  });
});

describe('cache age', () => {
  test('undefined before the first load', async () => {
    expect(await user.age()).toBeUndefined();
  });

  test('loadedAt of the account list', async () => {
    const loaded = await user.accounts();
    setup.clock.advance(5000);
    const requests = session.requests();
    expect(await user.age()).toBe(loaded.loadedAt);
    expect(session.requests()).toBe(requests);
  });
});
