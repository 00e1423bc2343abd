/** The account, location and lookup cache: everything other modules may use. */
export { MAX_SEARCH_RESULTS } from './account-index.ts';
export { ACCOUNT_LOOKUP_PAGE_SIZE, LARGE_TENANT_PAGES } from './account-list.ts';
export { createBmsCache } from './bms-cache.ts';
export { LOOKUP_KINDS, type LookupKind, type LookupLists } from './lookups.ts';
export { STAMP_MEMO_MS } from './stamp-memo.ts';
export {
  type AccountList,
  type BmsCache,
  type BmsCacheOptions,
  type Cached,
  type CacheKind,
  type CacheScope,
  DEFAULT_CACHE_TTL_MS,
  type UserCache,
} from './types.ts';
export { orderLocationOptions } from './user-cache.ts';
