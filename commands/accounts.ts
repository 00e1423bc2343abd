import type { Account } from '../src/bms/index.ts';
import { MAX_SEARCH_RESULTS } from '../src/cache/index.ts';
import { buildAccountList, buildLocationList } from '../views/account-list.ts';
import { buildPager, pageCountOf } from '../views/pager.ts';
import { resolveAccountOf } from './resolve-names.ts';
import { COMMAND_PAGE_ACTIONS, type CommandOf, type CommandWork } from './user-command.ts';

/** Accounts per page of the `accounts` reply. */
export const ACCOUNTS_PAGE_SIZE = 20;

/**
 * `accounts [search] [--refresh] [--page N]`: the user's cached account list, or the accounts
 * matching the search. A large tenant's list is not cached whole, so each of its pages is read
 * from BMS when shown.
 */
export const listAccounts: CommandWork<CommandOf<'accounts.list'>> = async (run) => {
  const { parsed, user } = run;
  // A page button runs the line again; reloading on every page would defeat the cache.
  if (parsed.refresh && run.page === undefined) await user.cache.refresh('accounts');

  if (parsed.search) {
    const found = await user.cache.searchAccounts(parsed.search, MAX_SEARCH_RESULTS);
    await replyWithPage(run, found.value, found);
    return;
  }
  const listed = await user.cache.accountList();
  const list = listed.value;
  if (list.large) {
    await replyWithBmsPage(run, list.total);
    return;
  }
  await replyWithPage(run, list.accounts, listed);
};

type AccountsRun = Parameters<CommandWork<CommandOf<'accounts.list'>>>[0];

/** Replies with one page of `accounts`, which hold every account to show. */
async function replyWithPage(
  run: AccountsRun,
  accounts: readonly Account[],
  freshness: { stale: boolean; loadedAt: number },
): Promise<void> {
  const { parsed } = run;
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
      freshness,
      pager: buildPager({ page, pageCount, actions: COMMAND_PAGE_ACTIONS, pageValue: run.pagerValue }),
    }),
  );
}

/**
 * Replies with one page read from BMS, one request per page. `total` is the tenant's account count
 * when BMS sent it; without it, the pager offers one more page as long as pages come back full.
 */
async function replyWithBmsPage(run: AccountsRun, knownTotal: number | undefined): Promise<void> {
  const { parsed, user } = run;
  const requested = Math.max(1, run.page ?? parsed.page ?? 1);
  const maxPage =
    knownTotal === undefined ? requested : Math.max(1, pageCountOf(knownTotal, ACCOUNTS_PAGE_SIZE));
  const page = Math.min(requested, maxPage);
  const { accounts, total: sentTotal } = await user.cache.accountPage(page, ACCOUNTS_PAGE_SIZE);
  const total = sentTotal ?? knownTotal;
  const pageCount =
    total !== undefined
      ? pageCountOf(total, ACCOUNTS_PAGE_SIZE)
      : page + (accounts.length === ACCOUNTS_PAGE_SIZE ? 1 : 0);

  await run.reply(
    buildAccountList({
      accounts,
      // NOTE: without TotalRecords the count shown is only what the pages so far add up to.
      total: total ?? (page - 1) * ACCOUNTS_PAGE_SIZE + accounts.length,
      page,
      pageCount,
      truncated: false,
      freshness: { stale: false, loadedAt: run.deps.clock(), live: true },
      pager: buildPager({ page, pageCount, actions: COMMAND_PAGE_ACTIONS, pageValue: run.pagerValue }),
    }),
  );
}

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
