import type { types } from '@slack/bolt';
import type { Account, Location } from '../src/bms/index.ts';
import { Commands } from '../src/slack/ids.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { pageLabel } from './pager.ts';
import { slackDate } from './slack-dates.ts';
import { escapeWithin, SLACK_LIMITS, shorten } from './text-limits.ts';

/** Characters of the search words shown in the reply, after escaping. */
const SEARCH_SHOWN_MAX = 200;

/** When a cached list was loaded, and whether it may be out of date. */
export interface CacheFreshness {
  loadedAt: number;
  stale: boolean;
  /** True when the user asked for a reload and BMS did not return the list, so the kept copy is shown. */
  reloadFailed?: boolean;
  /** Set when this reply read its page from BMS, not from the cache. */
  live?: boolean;
}

function freshnessLine(freshness: CacheFreshness, refreshCommand: string): string {
  const loaded = slackDate(new Date(freshness.loadedAt).toISOString()) ?? 'an unknown time';
  if (freshness.reloadFailed) {
    return `:warning: BMS did not return the list, so this is the copy from ${loaded}, which may be out of date. Run \`${Commands.bms} ${refreshCommand}\` again in a minute.`;
  }
  if (freshness.live)
    return `Read from BMS ${loaded}, one page at a time: your tenant has too many accounts to cache whole.`;
  const stale = freshness.stale ? ' and may be out of date' : '';
  return `Cached list from ${loaded}${stale}. \`${Commands.bms} ${refreshCommand}\` reloads it from BMS.`;
}

function accountLine(account: Account): string {
  const inactive = account.IsActive === false ? ' _(inactive)_' : '';
  return `• *${escapeMrkdwn(account.Name)}* (id ${account.Id})${inactive}`;
}

/** Builds one page of the `accounts` reply. */
export function buildAccountList(options: {
  accounts: readonly Account[];
  total: number;
  page: number;
  pageCount: number;
  search?: string;
  /** The search returned the maximum number of matches, so more may exist. */
  truncated: boolean;
  freshness: CacheFreshness;
  pager?: types.ActionsBlock;
}): BlockMessage {
  const { accounts, total, page, pageCount, search } = options;
  // The search is what the user typed, so it is shown within a bound that keeps the reply within Slack's limits.
  const shownSearch = search ? escapeWithin(search, SEARCH_SHOWN_MAX, escapeMrkdwn) : undefined;
  const subject = shownSearch ? `Accounts matching "${shownSearch}"` : 'Accounts';
  const counted = `${total.toLocaleString('en-US')}${options.truncated ? '+' : ''} ${total === 1 ? 'account' : 'accounts'}`;
  const summary = [counted, pageLabel(page, pageCount)].filter(Boolean).join(', ');

  const blocks: types.KnownBlock[] = [];
  if (accounts.length === 0) {
    const none = search ? `No account name contains "${shownSearch}".` : 'BMS shows you no accounts.';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: none } });
  } else {
    const body = `*${subject}* (${summary})\n${accounts.map(accountLine).join('\n')}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: shorten(body, SLACK_LIMITS.sectionText) } });
  }
  const refresh = search ? `accounts ${search.replaceAll('`', "'")} --refresh` : 'accounts --refresh';
  const notes = [freshnessLine(options.freshness, escapeWithin(refresh, SEARCH_SHOWN_MAX, escapeMrkdwn))];
  if (options.truncated) notes.push('Only the best matches are shown: type more of the name to narrow them.');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  if (options.pager) blocks.push(options.pager);
  return { text: `${subject}: ${summary}`, blocks };
}

/** Builds the `locations` reply: the main location first, then the others by name. */
export function buildLocationList(
  account: Account,
  locations: readonly Location[],
  freshness: CacheFreshness,
): BlockMessage {
  const subject = `Locations of *${escapeMrkdwn(account.Name)}* (id ${account.Id})`;
  const lines = locations.map(
    (location) =>
      `• ${escapeMrkdwn(location.Name)} (id ${location.Id})${location.IsMain ? ' _(main location)_' : ''}`,
  );
  const body =
    lines.length > 0 ? `${subject}\n${lines.join('\n')}` : `${subject}: the account has no locations.`;
  return {
    text: `Locations of ${escapeMrkdwn(account.Name)}: ${locations.length}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: shorten(body, SLACK_LIMITS.sectionText) } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: freshnessLine(freshness, `locations --account ${account.Id} --refresh`) },
        ],
      },
    ],
  };
}
