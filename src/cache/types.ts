import type { Account, BmsApi, Location } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { AccountDirectory } from '../services/account-directory.ts';
import type { Store } from '../store.ts';
import type { LookupKind, LookupLists } from './lookups.ts';

/** Lifetime of cached lists when BMS_CACHE_TTL is not set: 24 hours. */
export const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

/** A cached list as one read returns it. */
export interface Cached<Value> {
  value: Value;
  /**
   * True when the value is past its lifetime (a refresh is then running or has just failed), or
   * when a forced refresh invalidated it and the reload failed. The UI can then show that the list
   * may be out of date.
   */
  stale: boolean;
  /** When BMS returned the value, in ms since the epoch. */
  loadedAt: number;
}

/**
 * The account list of one scope: whole for a small tenant, or for a large one (more than
 * LARGE_TENANT_PAGES pages) only that it is large, with BMS's count of accounts when it sent one.
 */
export type AccountList =
  | { large: false; accounts: readonly Account[] }
  | { large: true; total: number | undefined };

/** Whose lists: BMS shows each user only the accounts they may see, so every user has lists of their own. */
export interface CacheScope {
  /** BMS tenant name, compared without regard to case. */
  tenant: string;
  /** The user's BMS `UserId`. */
  bmsUserId: number;
}

/** Kinds of list that `refresh` reloads: the account list, every account's locations, or one lookup list. */
export type CacheKind = 'accounts' | 'locations' | LookupKind;

/** The cached lists of one BMS user. Implements AccountDirectory, so the account services can run over it. */
export interface UserCache extends AccountDirectory {
  /**
   * Every account the user may see, sorted by folded name. Shared, so callers must not change it.
   * A large tenant's list is loaded whole on this call, one BMS request per 100 accounts, and then
   * kept like a small tenant's, so interactive paths call accountList, searchAccounts or account.
   */
  accounts(): Promise<Cached<readonly Account[]>>;
  /** The whole list of a small tenant, or the mark of a large one; costs a large tenant one BMS request per TTL. */
  accountList(): Promise<Cached<AccountList>>;
  /**
   * Accounts whose name contains `query`, ignoring case and accents. Word-prefix matches rank above
   * substring matches, then shorter names above longer, then alphabetical. An empty query returns
   * the first accounts alphabetically. At most `limit` results, and never more than 100.
   *
   * A small tenant's whole list is searched in memory. A large tenant's search, and any search
   * while the list has never been loaded, requests the first 100 matches by name from BMS, cached
   * per query. A query whose shorter prefix returned fewer than 100 matches is served from them.
   * When BMS fails and no result is cached, returns no accounts, marked stale, and logs a warning.
   */
  searchAccounts(query: string, limit?: number): Promise<Cached<Account[]>>;
  /** The account with this id, or undefined when the user may not see it. */
  account(accountId: number): Promise<Account | undefined>;
  /**
   * One page of the account lookup straight from BMS, uncached: for listing a large tenant's
   * accounts page by page. `total` is undefined when BMS did not send TotalRecords.
   */
  accountPage(
    pageNumber: number,
    pageSize: number,
  ): Promise<{ accounts: Account[]; total: number | undefined }>;
  /** The account's locations in BMS order. Rejects with BmsError 'forbidden' for an account hidden from the user. */
  locations(accountId: number): Promise<Cached<Location[]>>;
  /** The account's locations for a dropdown: the main location first, then the others by name. */
  locationOptions(accountId: number): Promise<Cached<Location[]>>;
  lookup<Kind extends LookupKind>(kind: Kind): Promise<Cached<LookupLists[Kind]>>;
  /**
   * Reloads from BMS now: one kind, or with no argument the account list and every lookup list.
   * Locations are reloaded lazily: each account's locations are fetched again on their next read.
   * Rejects with the first error once every reload has settled, in which case the failed lists
   * keep their stored values.
   */
  refresh(kind?: CacheKind): Promise<void>;
  /** When the stored account list was loaded (ms since the epoch), or undefined when there is none. Never calls BMS. */
  age(): Promise<number | undefined>;
}

export interface BmsCacheOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Lifetime of every cached list (BMS_CACHE_TTL). Default 24 hours. */
  ttlMs?: number;
  /** Lifetime of the store claim that keeps two instances from loading the same list at once. Default 60 s. */
  claimTtlMs?: number;
  /** Pause between re-reads of the store while another instance has the claim. Default 250 ms. */
  claimPollMs?: number;
  /** After a failed reload, how long reads serve the stored value before trying BMS again. Default 60 s. */
  retryAfterFailureMs?: number;
  /** How many users' decoded account lists stay in memory. Default 16. */
  memoryScopes?: number;
  /** Waits between claim polls; tests pass one that moves a manual clock. */
  sleep?: (ms: number) => Promise<void>;
}

export interface BmsCache {
  /**
   * The lists of one BMS user. Cheap, so call it per request. `api` is only called when a list
   * must be loaded, so warm reads need no BMS session.
   */
  forUser(scope: CacheScope, api: () => Promise<BmsApi>): UserCache;
  /** Resolves once every background refresh started so far has settled; for shutdown and tests. */
  idle(): Promise<void>;
}
