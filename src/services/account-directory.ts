import type { Account, BmsApi, Location } from '../bms/index.ts';

/**
 * Where the account list and each account's locations come from. The cache implements this
 * too, so that the use cases work the same with or without it.
 */
export interface AccountDirectory {
  listAccounts(): Promise<Account[]>;
  locationsOf(accountId: number): Promise<Location[]>;
}

/** Reads straight from BMS on every call. */
export function createDirectAccountDirectory(api: BmsApi): AccountDirectory {
  return {
    listAccounts: () => api.lookupAllAccounts(),
    locationsOf: (accountId) => api.lookupLocations(accountId),
  };
}
