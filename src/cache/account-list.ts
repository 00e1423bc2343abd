import type { Account, BmsApi } from '../bms/index.ts';
import type { AccountIndex } from './account-index.ts';

/** Accounts per page when the cache loads or searches the account lookup. */
export const ACCOUNT_LOOKUP_PAGE_SIZE = 100;

/**
 * Pages of ACCOUNT_LOOKUP_PAGE_SIZE above which a tenant counts as large: its account list is then
 * not loaded whole, and account searches ask BMS by name. 10 pages are 1,000 accounts. BMS allows
 * 1,500 requests per hour per endpoint for the whole tenant, so whole lists of larger tenants,
 * loaded once per user and day, would spend that budget on their own.
 */
export const LARGE_TENANT_PAGES = 10;

/** The account list of one scope as loaded from BMS: whole, or only known to be large. */
export type LoadedAccounts =
  | { large: false; accounts: Account[] }
  | { large: true; total: number | undefined };

/** The account list of one scope as the cache serves it: indexed when whole. */
export type AccountListValue =
  | { large: false; index: AccountIndex }
  | { large: true; total: number | undefined };

/**
 * Loads the account list unless it has more than `maxPages` pages. The first page decides when BMS
 * sends TotalRecords; without it, the load stops after `maxPages` full pages. So a large tenant
 * costs one request with TotalRecords, and `maxPages` without.
 */
export async function loadAccountsUpTo(api: BmsApi, maxPages: number): Promise<LoadedAccounts> {
  const accounts: Account[] = [];
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await api.lookupAccounts({ pageSize: ACCOUNT_LOOKUP_PAGE_SIZE, pageNumber });
    accounts.push(...page.items);
    // lookupAccounts reports the page's own length when BMS sends no TotalRecords, so only a
    // total beyond this page is known to come from BMS.
    const totalSent = page.total > page.items.length ? page.total : undefined;
    if (totalSent !== undefined && totalSent > maxPages * ACCOUNT_LOOKUP_PAGE_SIZE) {
      return { large: true, total: totalSent };
    }
    const isLastPage =
      page.items.length < ACCOUNT_LOOKUP_PAGE_SIZE ||
      (totalSent !== undefined && accounts.length >= totalSent);
    if (isLastPage) return { large: false, accounts };
  }
  return { large: true, total: undefined };
}
