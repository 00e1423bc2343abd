import type { Keyv } from 'keyv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { BmsApi } from '../../src/bms/index.ts';
import {
  ACCOUNT_LOOKUP_PAGE_SIZE,
  LARGE_TENANT_PAGES,
  STAMP_MEMO_MS,
  type UserCache,
} from '../../src/cache/index.ts';
import { scopeKeys } from '../../src/cache/stored.ts';
import { CONTOSO_ACCOUNT_IDS, SANDBOX_TENANT, SANDBOX_USERS } from '../../src/sandbox/index.ts';
import { resolveAccount } from '../../src/services/accounts.ts';
import { openStore, type Store } from '../../src/store.ts';
import {
  ACCOUNTS_PATH,
  type CacheSetup,
  countingApi,
  createCacheSetup,
  JANE_SCOPE,
  type SandboxSession,
  signInAsMfaUser,
  startSandboxSession,
  TTL_MS,
} from './harness.ts';

/** Half again the page limit, so the tenant is large. */
const LARGE_ACCOUNTS = LARGE_TENANT_PAGES * ACCOUNT_LOOKUP_PAGE_SIZE * 1.5;

let session: SandboxSession;
let setup: CacheSetup;
let user: UserCache;

beforeAll(async () => {
  session = await startSandboxSession(LARGE_ACCOUNTS);
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  setup = await createCacheSetup();
  user = setup.cache.forUser(JANE_SCOPE, countingApi(session.api).get);
});

afterEach(async () => {
  await session.clearFaults();
  await setup.close();
});

/** Account lookup requests that `action` makes, background loads included. */
async function lookupsOf(action: () => Promise<unknown>): Promise<number> {
  const before = session.requests(ACCOUNTS_PATH);
  await action();
  await setup.cache.idle();
  return session.requests(ACCOUNTS_PATH) - before;
}

function warnings(): string[] {
  return setup.logger.lines.filter((line) => line.includes(' WARN '));
}

describe('large tenant search', () => {
  test('decision costs one request', async () => {
    let list: Awaited<ReturnType<UserCache['accountList']>> | undefined;
    expect(await lookupsOf(async () => (list = await user.accountList()))).toBe(1);
    expect(list?.value.large).toBe(true);
    expect(await lookupsOf(() => user.accountList())).toBe(0);
  });

  test('cold search costs decision and search', async () => {
    expect(await lookupsOf(() => user.searchAccounts('contoso'))).toBe(2);
  });

  test('search asks BMS once', async () => {
    await user.accountList();
    let names: (string | null | undefined)[] = [];
    const calls = await lookupsOf(async () => {
      names = (await user.searchAccounts('contoso')).value.map((account) => account.Name);
    });
    expect(calls).toBe(1);
    expect(names).toEqual(['Contoso', 'Contoso Ltd', 'Contoso (old)']);
  });

  test('repeat and refinement are free', async () => {
    await user.accountList();
    await user.searchAccounts('contoso');
    expect(await lookupsOf(() => user.searchAccounts('contoso'))).toBe(0);
    expect(await lookupsOf(() => user.searchAccounts('CONTOSO'))).toBe(0);
    let refined: number[] = [];
    const calls = await lookupsOf(async () => {
      refined = (await user.searchAccounts('contoso l')).value.map((account) => account.Id);
    });
    expect(calls).toBe(0);
    // "Contoso (old)" follows: it contains both words, though not as one phrase.
    expect(refined).toEqual([CONTOSO_ACCOUNT_IDS.contosoLtd, CONTOSO_ACCOUNT_IDS.contosoOld]);
  });

  test('refinement ranks word prefix first', async () => {
    await user.accountList();
    await user.searchAccounts('con');
    const found = (await user.searchAccounts('cont')).value;
    expect(found[0]?.Name).toBe('Contoso');
  });

  test('new prefix asks BMS once', async () => {
    await user.accountList();
    await user.searchAccounts('contoso');
    expect(await lookupsOf(() => user.searchAccounts('tom'))).toBe(1);
  });

  test('prefix of a full page is not reused', async () => {
    await user.accountList();
    const first = await user.searchAccounts('e');
    expect(first.value).toHaveLength(100);
    expect(await lookupsOf(() => user.searchAccounts('er'))).toBe(1);
  });

  test('20 concurrent searches ask once', async () => {
    await user.accountList();
    const calls = await lookupsOf(() =>
      Promise.all(Array.from({ length: 20 }, () => user.searchAccounts('plumbing'))),
    );
    expect(calls).toBe(1);
  });

  test('refresh reloads searches', async () => {
    await user.accountList();
    await user.searchAccounts('contoso');
    await user.refresh('accounts');
    expect(await lookupsOf(() => user.searchAccounts('contoso'))).toBe(1);
  });

  test('stale result when BMS fails', async () => {
    await user.accountList();
    const warm = await user.searchAccounts('contoso');
    setup.clock.advance(TTL_MS + 1);
    await session.fault('http500', ACCOUNTS_PATH);
    const found = await user.searchAccounts('contoso');
    await setup.cache.idle();
    expect(found.stale).toBe(true);
    expect(found.value).toEqual(warm.value);
  });

  test('nothing cached when BMS fails', async () => {
    await user.accountList();
    await session.fault('http500', ACCOUNTS_PATH);
    const found = await user.searchAccounts('tom');
    expect(found.value).toEqual([]);
    expect(warnings().some((line) => line.includes('Account search failed'))).toBe(true);
  });
});

describe('large tenant names', () => {
  test('resolves --account Contoso', async () => {
    await user.accountList();
    let resolved: Awaited<ReturnType<typeof resolveAccount>> | undefined;
    const calls = await lookupsOf(async () => (resolved = await resolveAccount(user, 'Contoso')));
    expect(resolved?.ok ? resolved.value.Id : resolved?.message).toBe(CONTOSO_ACCOUNT_IDS.contoso);
    expect(calls).toBe(1);
  });

  test('resolves an id with one request', async () => {
    await user.accountList();
    let resolved: Awaited<ReturnType<typeof resolveAccount>> | undefined;
    const calls = await lookupsOf(async () => (resolved = await resolveAccount(user, '1400')));
    expect(resolved?.ok ? resolved.value.Id : resolved?.message).toBe(1400);
    expect(calls).toBe(1);
    expect(await lookupsOf(() => user.account(1400))).toBe(0);
  });

  test('partial name resolves', async () => {
    const resolved = await resolveAccount(user, 'contoso l');
    expect(resolved.ok ? resolved.value.Id : undefined).toBe(CONTOSO_ACCOUNT_IDS.contosoLtd);
  });

  test('first page straight from BMS', async () => {
    await user.accountList();
    const page = await user.accountPage(2, 20);
    expect(page.accounts).toHaveLength(20);
    expect(page.total).toBeGreaterThan(LARGE_TENANT_PAGES * ACCOUNT_LOOKUP_PAGE_SIZE);
  });

  test('accounts loads the whole list', async () => {
    await user.accountList();
    const whole = await user.accounts();
    expect(whole.value.length).toBeGreaterThan(LARGE_TENANT_PAGES * ACCOUNT_LOOKUP_PAGE_SIZE);
    // The whole list is then searched in memory.
    expect(await lookupsOf(() => user.searchAccounts('zz'))).toBe(0);
  });
});

describe('large tenant scopes', () => {
  // A smaller sandbox plays a BMS that shows max fewer accounts than jane, still a large tenant.
  let smaller: SandboxSession;
  let maxApi: BmsApi;

  beforeAll(async () => {
    smaller = await startSandboxSession(LARGE_TENANT_PAGES * ACCOUNT_LOOKUP_PAGE_SIZE + 100);
    maxApi = await signInAsMfaUser(smaller);
  });

  afterAll(async () => {
    await smaller.close();
  });

  test('another scope never reuses a search', async () => {
    const onlyJanes = (await session.api.lookupAccounts({ id: LARGE_ACCOUNTS - 1 })).items[0];
    const name = onlyJanes?.Name ?? '';
    expect(name).not.toBe('');
    expect((await user.searchAccounts(name)).value.map((account) => account.Id)).toContain(onlyJanes?.Id);

    const max = setup.cache.forUser(
      { tenant: SANDBOX_TENANT, bmsUserId: SANDBOX_USERS.mfa.userId },
      async () => maxApi,
    );
    const before = smaller.requests(ACCOUNTS_PATH);
    const found = await max.searchAccounts(name);
    await setup.cache.idle();
    expect(found.value.map((account) => account.Id)).not.toContain(onlyJanes?.Id);
    expect(smaller.requests(ACCOUNTS_PATH) - before).toBeGreaterThan(0);
  });
});

describe('account stamp memo', () => {
  /** Wraps the store so that every read of `key` through its cache namespace is counted. */
  function countingStore(store: Store, key: string): { store: Store; reads: () => number } {
    let reads = 0;
    const countKeyv = (keyv: Keyv<unknown>): Keyv<unknown> =>
      new Proxy(keyv, {
        get(target, property) {
          if (property === 'get') {
            return (readKey: string) => {
              if (readKey === key) reads++;
              return target.get(readKey);
            };
          }
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const wrapped = new Proxy(store, {
      get(target, property) {
        if (property === 'keyv') return (namespace: string) => countKeyv(target.keyv(namespace));
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { store: wrapped, reads: () => reads };
  }

  test('burst reads the stamp once', async () => {
    const small = await startSandboxSession(300);
    const store = await openStore('sqlite://:memory:');
    const loader = await createCacheSetup({ store });
    const counted = countingStore(store, scopeKeys(JANE_SCOPE).accountsStamp);
    const reader = await createCacheSetup({ store: counted.store, clock: loader.clock });
    try {
      await loader.cache.forUser(JANE_SCOPE, async () => small.api).accountList();
      const typing = reader.cache.forUser(JANE_SCOPE, async () => small.api);
      for (const query of ['c', 'co', 'con', 'cont', 'conto']) await typing.searchAccounts(query);
      expect(counted.reads()).toBe(1);

      reader.clock.advance(STAMP_MEMO_MS);
      await typing.searchAccounts('contos');
      expect(counted.reads()).toBe(2);
      expect(small.requests(ACCOUNTS_PATH)).toBe(3);
    } finally {
      await reader.close();
      await loader.close();
      await small.close();
    }
  });
});
