import type { Account, BmsApi, Location } from '../bms/index.ts';

/**
 * Where the account list and each account's locations come from. The cache implements this
 * too, so that the use cases work the same with or without it.
 */
export interface AccountDirectory {
  listAccounts(): Promise<Account[]>;
  /**
   * Accounts among which to look for `name`: at least every account whose name contains it,
   * ignoring case, or every account. Optional: without it, resolving a name lists every account.
   */
  findAccountsNamed?(name: string): Promise<readonly Account[]>;
  /** The account with this id, or undefined when the user may not see it. Optional, like findAccountsNamed. */
  findAccount?(accountId: number): Promise<Account | undefined>;
  locationsOf(accountId: number): Promise<Location[]>;
}

/** Reads straight from BMS on every call. */
export function createDirectAccountDirectory(api: BmsApi): AccountDirectory {
  return {
    listAccounts: () => api.lookupAllAccounts(),
    locationsOf: (accountId) => api.lookupLocations(accountId),
  };
}
