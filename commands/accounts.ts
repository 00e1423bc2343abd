import { MAX_SEARCH_RESULTS } from '../src/cache/index.ts';
import { buildAccountList, buildLocationList } from '../views/account-list.ts';
import { buildPager, pageCountOf } from '../views/pager.ts';
import { resolveAccountOf } from './resolve-names.ts';
import { COMMAND_PAGE_ACTIONS, type CommandOf, type CommandWork } from './user-command.ts';

/** Accounts per page of the `accounts` reply. */
export const ACCOUNTS_PAGE_SIZE = 20;

/** `accounts [search] [--refresh] [--page N]`: the user's cached account list, or the accounts matching the search. */
export const listAccounts: CommandWork<CommandOf<'accounts.list'>> = async (run) => {
  const { parsed, user } = run;
  // A page button runs the line again; reloading on every page would defeat the cache.
  if (parsed.refresh && run.page === undefined) await user.cache.refresh('accounts');

  const cached = parsed.search
    ? await user.cache.searchAccounts(parsed.search, MAX_SEARCH_RESULTS)
    : await user.cache.accounts();
  const accounts = cached.value;
  const pageCount = pageCountOf(accounts.length, ACCOUNTS_PAGE_SIZE);
  const page = Math.min(run.page ?? parsed.page ?? 1, pageCount);
  const start = (page - 1) * ACCOUNTS_PAGE_SIZE;

  await run.reply(
    buildAccountList({
      accounts: accounts.slice(start, start + ACCOUNTS_PAGE_SIZE),
      total: accounts.length,
      page,
      pageCount,
      search: parsed.search,
      truncated: parsed.search !== undefined && accounts.length >= MAX_SEARCH_RESULTS,
      freshness: cached,
      pager: buildPager({ page, pageCount, actions: COMMAND_PAGE_ACTIONS, pageValue: run.pagerValue }),
    }),
  );
};

/** `locations --account <id|name> [--refresh]`: the locations of one account, main location first. */
export const listLocations: CommandWork<CommandOf<'locations.list'>> = async (run) => {
  const { parsed, user } = run;
  const account = await resolveAccountOf(user, parsed.account);
  if (parsed.refresh) await user.cache.refresh('locations');
  const cached = await user.cache.locationOptions(account.Id);
  // After a forced refresh, a stale list means the reload from BMS failed and the kept copy is served.
  const freshness = { ...cached, reloadFailed: parsed.refresh && cached.stale };
  await run.reply(buildLocationList(account, cached.value, freshness));
};
