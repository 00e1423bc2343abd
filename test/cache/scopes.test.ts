import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { BmsApi } from '../../src/bms/index.ts';
import type { UserCache } from '../../src/cache/index.ts';
import {
  ACCENTED_ACCOUNT_IDS,
  accountIdOfLocation,
  CONTOSO_ACCOUNT_IDS,
  mainLocationIdOf,
  RESTRICTED_ACCOUNT_ID,
  SANDBOX_TENANT,
  SANDBOX_USERS,
} from '../../src/sandbox/index.ts';
import { resolveAccount, resolveLocation } from '../../src/services/accounts.ts';
import {
  type CacheSetup,
  countingApi,
  createCacheSetup,
  JANE_SCOPE,
  type SandboxSession,
  signInAsMfaUser,
  startSandboxSession,
} from './harness.ts';

let session: SandboxSession;
let setup: CacheSetup;
let jane: UserCache;

beforeAll(async () => {
  session = await startSandboxSession(300);
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  setup = await createCacheSetup();
  jane = setup.cache.forUser(JANE_SCOPE, countingApi(session.api).get);
});

afterEach(async () => {
  await setup.close();
});

describe('cache scopes', () => {
  // A second sandbox with fewer accounts plays a BMS that shows another user fewer accounts.
  let smaller: SandboxSession;
  let maxApi: BmsApi;

  beforeAll(async () => {
    smaller = await startSandboxSession(40);
    maxApi = await signInAsMfaUser(smaller);
    expect((await maxApi.getUserInfo()).UserId).toBe(SANDBOX_USERS.mfa.userId);
  });

  afterAll(async () => {
    await smaller.close();
  });

  test('jane is BMS user 101', async () => {
    expect((await session.api.getUserInfo()).UserId).toBe(JANE_SCOPE.bmsUserId);
    expect(JANE_SCOPE.bmsUserId).toBe(101);
  });

  test('two users never share lists', async () => {
    const max = setup.cache.forUser(
      { tenant: SANDBOX_TENANT, bmsUserId: SANDBOX_USERS.mfa.userId },
      async () => maxApi,
    );
    const janeAccounts = (await jane.accounts()).value;
    const maxAccounts = (await max.accounts()).value;

    expect(janeAccounts.length).toBe((await session.api.lookupAllAccounts()).length);
    expect(maxAccounts.length).toBe((await maxApi.lookupAllAccounts()).length);
    expect(maxAccounts.length).toBeLessThan(janeAccounts.length);

    const onlyJanes = janeAccounts.find((account) => account.Id > 40);
    expect(onlyJanes).toBeDefined();
    expect((await max.searchAccounts(onlyJanes?.Name ?? '')).value).toEqual([]);
    expect((await jane.searchAccounts(onlyJanes?.Name ?? '')).value.map((account) => account.Id)).toContain(
      onlyJanes?.Id,
    );
  });

  test('same user id in another tenant', async () => {
    await jane.accounts();
    const elsewhere = setup.cache.forUser(
      { tenant: 'other-msp', bmsUserId: JANE_SCOPE.bmsUserId },
      async () => maxApi,
    );
    const accounts = (await elsewhere.accounts()).value;
    expect(accounts.every((account) => account.Id <= 40)).toBe(true);
  });

  test('tenant name ignores case', async () => {
    await jane.lookup('statuses');
    const requests = session.requests();
    const shouting = setup.cache.forUser(
      { tenant: ' SANDBOX ', bmsUserId: JANE_SCOPE.bmsUserId },
      async () => {
        throw new Error('a warm read must not ask for a BMS session');
      },
    );
    expect((await shouting.lookup('statuses')).value.length).toBeGreaterThan(0);
    expect(session.requests()).toBe(requests);
  });

  test('invalid scope throws', () => {
    expect(() => setup.cache.forUser({ tenant: ' ', bmsUserId: 101 }, async () => maxApi)).toThrow(
      RangeError,
    );
    expect(() => setup.cache.forUser({ tenant: 'sandbox', bmsUserId: 0 }, async () => maxApi)).toThrow(
      RangeError,
    );
  });
});

describe('cache visibility', () => {
  test('jane does not see the restricted account', async () => {
    const accounts = (await jane.accounts()).value;
    expect(accounts.some((account) => account.Id === RESTRICTED_ACCOUNT_ID)).toBe(false);
    expect((await jane.searchAccounts('restricted')).value).toEqual([]);
    const resolved = await resolveAccount(jane, 'Restricted Holdings');
    expect(resolved.ok).toBe(false);
    expect(resolved.ok ? undefined : resolved.reason).toBe('not_found');
  });
});

describe('cache search', () => {
  test('look-alike accounts', async () => {
    const found = (await jane.searchAccounts('cont')).value;
    expect(found.map((account) => account.Name)).toEqual(['Contoso', 'Contoso Ltd', 'Contoso (old)']);
    expect(found.map((account) => account.Id)).toEqual([
      CONTOSO_ACCOUNT_IDS.contoso,
      CONTOSO_ACCOUNT_IDS.contosoLtd,
      CONTOSO_ACCOUNT_IDS.contosoOld,
    ]);
  });

  test('accents', async () => {
    // The whole list, searched here, folds accents; a name search in BMS may not.
    await jane.accountList();
    expect((await jane.searchAccounts('cafe')).value.map((account) => account.Id)).toEqual([
      ACCENTED_ACCOUNT_IDS.cafeDejaVu,
    ]);
    expect((await jane.searchAccounts('MULLER')).value.map((account) => account.Id)).toEqual([
      ACCENTED_ACCOUNT_IDS.mullerSohne,
    ]);
  });

  test('at most 100 results', async () => {
    expect((await jane.searchAccounts('', 500)).value).toHaveLength(100);
    expect((await jane.searchAccounts('e')).value).toHaveLength(100);
    expect((await jane.searchAccounts('e', 7)).value).toHaveLength(7);
  });
});

describe('cache locations', () => {
  test('main location first', async () => {
    for (const accountId of [1, 2, 3, 4, 5]) {
      const options = (await jane.locationOptions(accountId)).value;
      expect(options[0]?.Id).toBe(mainLocationIdOf(accountId));
      expect(options.every((location) => accountIdOfLocation(location.Id) === accountId)).toBe(true);
    }
  });

  test('duplicate names resolve within their account', async () => {
    // Find a location name that two accounts share, such as "Main Office".
    const owners = new Map<string, number[]>();
    for (let accountId = 1; accountId <= 30; accountId++) {
      if (accountId === RESTRICTED_ACCOUNT_ID) continue;
      for (const location of await jane.locationsOf(accountId)) {
        owners.set(location.Name, [...(owners.get(location.Name) ?? []), accountId]);
      }
    }
    const shared = [...owners.entries()].find(([, accountIds]) => accountIds.length >= 2);
    expect(shared).toBeDefined();
    const [name, accountIds] = shared ?? ['', []];
    const [first = 0, second = 0] = accountIds;

    const inFirst = await resolveLocation(jane, first, name.toUpperCase());
    const inSecond = await resolveLocation(jane, second, name);
    expect(inFirst.ok).toBe(true);
    expect(inSecond.ok).toBe(true);
    if (!inFirst.ok || !inSecond.ok) return;
    expect(accountIdOfLocation(inFirst.value.Id)).toBe(first);
    expect(accountIdOfLocation(inSecond.value.Id)).toBe(second);

    // A location id of the other account is not found in this one.
    const crossed = await resolveLocation(jane, first, String(inSecond.ok ? inSecond.value.Id : 0));
    expect(crossed.ok ? 'ok' : crossed.reason).toBe('not_found');
  });

  test('resolving again calls BMS zero times', async () => {
    const resolveAll = async () => {
      await resolveAccount(jane, 'Contoso Ltd');
      await resolveAccount(jane, '#2');
      await resolveLocation(jane, 7, 'Main Office');
      await resolveLocation(jane, 7, 'Warehouse');
    };
    const before = session.requests();
    await resolveAll();
    const firstRound = session.requests() - before;
    await resolveAll();
    await resolveAll();
    expect(firstRound).toBeGreaterThan(0);
    expect(session.requests() - before).toBe(firstRound);
  });

  test('invalid account id throws', async () => {
    await expect(jane.locations(0)).rejects.toThrow(RangeError);
    await expect(jane.locations(1.5)).rejects.toThrow(RangeError);
  });
});
