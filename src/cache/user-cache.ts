import type { Account, BmsApi, Location } from '../bms/index.ts';
import type { LogFields } from '../log.ts';
import { foldName } from '../services/name-matching.ts';
import type { AccountIndex } from './account-index.ts';
import type { AccountMemory } from './account-memory.ts';
import { isLookupKind, LOOKUP_KINDS, LOOKUP_LOADERS, type LookupKind, type LookupLists } from './lookups.ts';
import type { ReadThrough, Slot } from './read-through.ts';
import { accountSlot, listSlot, readAccountsLoadedAt, type SlotContext } from './slots.ts';
import { newVersion, type ScopeKeys } from './stored.ts';
import type { Cached, CacheKind, CacheScope, UserCache } from './types.ts';

export interface UserCacheParts {
  scope: CacheScope;
  keys: ScopeKeys;
  context: SlotContext;
  readThrough: ReadThrough;
  memory: AccountMemory;
  api: () => Promise<BmsApi>;
}

export function createUserCache(parts: UserCacheParts): UserCache {
  const { scope, keys, context, readThrough, memory, api } = parts;
  const { keyv } = context;

  const fieldsOf = (list: string, extra: LogFields = {}): LogFields => ({
    list,
    tenant: scope.tenant,
    bmsUserId: scope.bmsUserId,
    ...extra,
  });

  const accountsSlot: Slot<AccountIndex> = accountSlot(context, {
    key: keys.accounts,
    stampKey: keys.accountsStamp,
    fields: fieldsOf('accounts'),
    memory,
    load: async () => (await api()).lookupAllAccounts(),
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

  const accounts = () => readThrough.get(accountsSlot);

  /** Makes every account's stored locations non-current, so that each is reloaded on its next read. */
  const invalidateLocations = () => keyv.set(keys.locationsGeneration, newVersion(), context.retentionMs);

  const reloadOne = async (kind: CacheKind): Promise<void> => {
    if (kind === 'locations') {
      await invalidateLocations();
    } else if (kind === 'accounts') {
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
      const cached = await accounts();
      return { ...cached, value: cached.value.accounts };
    },

    searchAccounts: async (query, limit) => {
      const cached = await accounts();
      return { ...cached, value: cached.value.search(query, limit) };
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
    listAccounts: async (): Promise<Account[]> => [...(await accounts()).value.accounts],
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
