import type { Account, BmsApi, Location } from '../bms/index.ts';
import type { LogFields } from '../log.ts';
import { foldName } from '../services/name-matching.ts';
import { AccountIndex } from './account-index.ts';
import {
  ACCOUNT_LOOKUP_PAGE_SIZE,
  type AccountListValue,
  LARGE_TENANT_PAGES,
  loadAccountsUpTo,
} from './account-list.ts';
import type { AccountMemory } from './account-memory.ts';
import { accountSearchSlot, isCompleteResult, sentQueryOf } from './account-search.ts';
import { isLookupKind, LOOKUP_KINDS, LOOKUP_LOADERS, type LookupKind, type LookupLists } from './lookups.ts';
import type { ReadThrough, Slot } from './read-through.ts';
import { accountSlot, listSlot, readAccountsLoadedAt, type SlotContext } from './slots.ts';
import type { StampMemo } from './stamp-memo.ts';
import { newVersion, type ScopeKeys, type Stored } from './stored.ts';
import type { AccountList, Cached, CacheKind, CacheScope, UserCache } from './types.ts';

export interface UserCacheParts {
  scope: CacheScope;
  keys: ScopeKeys;
  context: SlotContext;
  readThrough: ReadThrough;
  memory: AccountMemory;
  stamps: StampMemo;
  api: () => Promise<BmsApi>;
}

export function createUserCache(parts: UserCacheParts): UserCache {
  const { scope, keys, context, readThrough, memory, stamps, api } = parts;
  const { keyv } = context;

  const fieldsOf = (list: string, extra: LogFields = {}): LogFields => ({
    list,
    tenant: scope.tenant,
    bmsUserId: scope.bmsUserId,
    ...extra,
  });

  const accountSlotParts = {
    key: keys.accounts,
    stampKey: keys.accountsStamp,
    fields: fieldsOf('accounts'),
    memory,
    stamps,
  };
  /** Loads the whole list of a small tenant, or marks a large one after at most LARGE_TENANT_PAGES pages. */
  const accountsSlot: Slot<AccountListValue> = accountSlot(context, {
    ...accountSlotParts,
    load: async () => loadAccountsUpTo(await api(), LARGE_TENANT_PAGES),
  });
  /** Loads the whole list whatever its size. Its key is the same, so it joins a load of the slot above. */
  const wholeAccountsSlot: Slot<AccountListValue> = accountSlot(context, {
    ...accountSlotParts,
    load: async () => ({
      large: false,
      accounts: await (await api()).lookupAllAccounts({ pageSize: ACCOUNT_LOOKUP_PAGE_SIZE }),
    }),
  });

  const lookupSlot = <Kind extends LookupKind>(kind: Kind): Slot<LookupLists[Kind]> =>
    listSlot(context, {
      key: keys.lookup(kind),
      fields: fieldsOf(kind),
      load: async () => LOOKUP_LOADERS[kind](await api()),
    }) as Slot<LookupLists[Kind]>;

  const locationSlot = async (accountId: number): Promise<Slot<Location[]>> => {
    const fields = fieldsOf('locations', { accountId });
    return listSlot<Location>(context, {
      key: keys.locations(accountId),
      fields,
      load: async () => (await api()).lookupLocations(accountId),
      generation: await readLocationsGeneration(fields),
    });
  };

  /** Reads the generation that `refresh('locations')` last set; undefined when none was set or the store failed. */
  const readLocationsGeneration = async (fields: LogFields): Promise<string | undefined> => {
    try {
      const generation = await keyv.get(keys.locationsGeneration);
      return typeof generation === 'string' ? generation : undefined;
    } catch (error) {
      context.logger.warn('Cache read failed; loading from BMS', {
        ...fields,
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  };

  const locations = async (accountId: number): Promise<Cached<Location[]>> => {
    checkAccountId(accountId);
    return readThrough.get(await locationSlot(accountId));
  };

  const accountList = () => readThrough.get(accountsSlot);

  /** True when a list or a large-tenant mark is stored; reads the memo and the store, never BMS. */
  const isAccountListKnown = async (): Promise<boolean> => {
    try {
      return (await accountsSlot.read()) !== undefined;
    } catch {
      // The read-through logs the store failure when it reads the same slot.
      return false;
    }
  };

  /** Returns the whole list. A large tenant's list is loaded whole on this request, one request per page. */
  const wholeAccounts = async (): Promise<Cached<AccountIndex>> => {
    const cached = await accountList();
    if (!cached.value.large) return { ...cached, value: cached.value.index };
    // A capped load running at this moment is joined rather than replaced, so a second try may be needed.
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored: Stored<AccountListValue> = await readThrough.reload(wholeAccountsSlot);
      if (!stored.value.large) return { value: stored.value.index, stale: false, loadedAt: stored.loadedAt };
    }
    throw new Error(`The whole account list of BMS user ${scope.bmsUserId} could not be loaded.`);
  };

  /** Asks BMS for the accounts whose name contains the typed text, through the cache of name searches. */
  const searchByName = (typed: string): Promise<Cached<Account[]>> => {
    const query = sentQueryOf(typed);
    const slot = accountSearchSlot(context, {
      query,
      keyOf: keys.accountSearch,
      generationKey: keys.accountSearchGeneration,
      fields: fieldsOf('accountSearch'),
      load: async () => {
        const page = await (await api()).lookupAccounts({
          name: query === '' ? undefined : query,
          pageSize: ACCOUNT_LOOKUP_PAGE_SIZE,
          pageNumber: 1,
        });
        return page.items;
      },
    });
    return readThrough.get(slot);
  };

  /**
   * Reads the pages after the first of a name search, uncached, until a page is not full. The
   * first page contains only the alphabetically first matches, and an exact name may sort after them.
   * NOTE: a name with more than LARGE_TENANT_PAGES pages of matches is resolved among those pages only.
   */
  const laterNamePages = async (typed: string): Promise<Account[]> => {
    const accounts: Account[] = [];
    for (let pageNumber = 2; pageNumber <= LARGE_TENANT_PAGES; pageNumber++) {
      const page = await (await api()).lookupAccounts({
        name: sentQueryOf(typed),
        pageSize: ACCOUNT_LOOKUP_PAGE_SIZE,
        pageNumber,
      });
      accounts.push(...page.items);
      if (isCompleteResult(page.items)) break;
    }
    return accounts;
  };

  /**
   * Searches by name and ranks the result as the whole-list search does. Returns no accounts, and
   * logs a warning, when BMS fails and nothing is stored.
   */
  const searchByNameRanked = async (query: string, limit: number | undefined): Promise<Cached<Account[]>> => {
    try {
      const cached = await searchByName(query);
      return { ...cached, value: new AccountIndex(cached.value).search(query, limit) };
    } catch (error) {
      context.logger.warn('Account search failed in BMS and nothing is cached; returning no accounts', {
        ...fieldsOf('accountSearch'),
        error: error instanceof Error ? error.message : String(error),
      });
      return { value: [], stale: true, loadedAt: context.clock() };
    }
  };

  const accountSlotById = (accountId: number): Slot<Account[]> =>
    listSlot<Account>(context, {
      key: keys.account(accountId),
      fields: fieldsOf('account', { accountId }),
      load: async () => (await (await api()).lookupAccounts({ id: accountId, pageSize: 1 })).items,
    });

  const findAccount = async (accountId: number): Promise<Account | undefined> => {
    checkAccountId(accountId);
    const list = (await accountList()).value;
    if (!list.large) return list.index.accounts.find((account) => account.Id === accountId);
    const found = (await readThrough.get(accountSlotById(accountId))).value;
    return found.find((account) => account.Id === accountId);
  };

  /** Makes every account's stored locations non-current, so that each is reloaded on its next read. */
  const invalidateLocations = () => keyv.set(keys.locationsGeneration, newVersion(), context.retentionMs);

  const reloadOne = async (kind: CacheKind): Promise<void> => {
    if (kind === 'locations') {
      await invalidateLocations();
    } else if (kind === 'accounts') {
      // Name searches of a large tenant are reloaded on their next read.
      await keyv.set(keys.accountSearchGeneration, newVersion(), context.retentionMs);
      await readThrough.reload(accountsSlot);
    } else if (isLookupKind(kind)) {
      await readThrough.reload(lookupSlot(kind));
    } else {
      throw new RangeError(
        `Unknown cache kind "${String(kind)}": use accounts, locations or a lookup list name.`,
      );
    }
  };

  return {
    accounts: async () => {
      const cached = await wholeAccounts();
      return { ...cached, value: cached.value.accounts };
    },

    accountList: async (): Promise<Cached<AccountList>> => {
      const cached = await accountList();
      const list = cached.value;
      const value: AccountList = list.large ? list : { large: false, accounts: list.index.accounts };
      return { ...cached, value };
    },

    searchAccounts: async (query, limit) => {
      if (await isAccountListKnown()) {
        const cached = await accountList();
        const list = cached.value;
        if (!list.large) return { ...cached, value: list.index.search(query, limit) };
      } else {
        // The list loads meanwhile. For a small tenant it loads whole, and the next keystrokes search it here.
        readThrough.getInBackground(accountsSlot);
      }
      return searchByNameRanked(query, limit);
    },

    account: findAccount,

    accountPage: async (pageNumber, pageSize) => {
      const page = await (await api()).lookupAccounts({ pageSize, pageNumber });
      // lookupAccounts reports the page's own length when BMS sends no TotalRecords.
      return { accounts: page.items, total: page.total > page.items.length ? page.total : undefined };
    },

    locations,

    locationOptions: async (accountId) => {
      const cached = await locations(accountId);
      return { ...cached, value: orderLocationOptions(cached.value) };
    },

    lookup: <Kind extends LookupKind>(kind: Kind) => {
      if (!isLookupKind(kind)) {
        return Promise.reject(
          new RangeError(`Unknown lookup list "${String(kind)}": use one of ${LOOKUP_KINDS.join(', ')}.`),
        );
      }
      return readThrough.get(lookupSlot(kind));
    },

    refresh: async (kind) => {
      const kinds: CacheKind[] = kind === undefined ? ['accounts', 'locations', ...LOOKUP_KINDS] : [kind];
      const outcomes = await Promise.allSettled(kinds.map(reloadOne));
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    },

    age: () => readAccountsLoadedAt(keyv, keys.accountsStamp),

    // AccountDirectory. The list is copied because the cached one is shared by every reader.
    listAccounts: async (): Promise<Account[]> => [...(await wholeAccounts()).value.accounts],
    findAccount,
    findAccountsNamed: async (name) => {
      const list = (await accountList()).value;
      if (!list.large) return list.index.accounts;
      const first = (await searchByName(name)).value;
      return isCompleteResult(first) ? first : [...first, ...(await laterNamePages(name))];
    },
    locationsOf: async (accountId) => (await locations(accountId)).value,
  };
}

/** Orders locations for a dropdown: the main location first, then the others by name. Returns a new array. */
export function orderLocationOptions(locations: readonly Location[]): Location[] {
  const byName = (a: Location, b: Location) =>
    foldName(a.Name).localeCompare(foldName(b.Name)) || a.Id - b.Id;
  const main = locations.filter((location) => location.IsMain === true).sort(byName);
  const others = locations.filter((location) => location.IsMain !== true).sort(byName);
  return [...main, ...others];
}

function checkAccountId(accountId: number): void {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) {
    throw new RangeError(`Account id must be a positive whole number, not ${accountId}.`);
  }
}
