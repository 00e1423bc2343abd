import type { types } from '@slack/bolt';
import type { TicketSummary } from '../src/bms/index.ts';
import { Commands, HomeActions } from '../src/slack/ids.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { LOGIN_PROMPT_ACTION } from './login-prompt.ts';
import { slackDate } from './slack-dates.ts';
import { ticketRow } from './ticket-list.ts';

/** Buttons of the Home tab that commands/home.ts handles; the create button's id is shared in src/slack/ids.ts. */
export const HOME_ACTIONS = {
  logout: 'home_logout',
  refreshCache: 'home_refresh_cache',
} as const;

/** Open tickets the Home tab lists; with them the tab stays far below Slack's 100 blocks. */
export const HOME_TICKETS_MAX = 15;

/** The content of the Home tab for one Slack user. */
export type HomeState =
  | { kind: 'logged-out'; reason?: string }
  | {
      kind: 'logged-in';
      bmsUserName: string;
      userName: string;
      tenant: string;
      /** Open tickets assigned to the user, soonest due first; undefined when they could not be loaded. */
      tickets?: readonly TicketSummary[];
      /** mrkdwn sentence saying why the tickets are missing. */
      ticketsError?: string;
      /** When the user's cached account list was loaded (ms since the epoch); undefined when nothing is cached. */
      cacheLoadedAt?: number;
      /** mrkdwn sentence saying why the last Refresh failed; the lists cached before it are still used. */
      cacheError?: string;
    };

function button(actionId: string, text: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value: actionId,
    ...(style ? { style } : {}),
  };
}

function loginSection(state: HomeState): types.SectionBlock {
  if (state.kind === 'logged-out') {
    const reason = state.reason ? `${escapeMrkdwn(state.reason)} ` : '';
    return {
      type: 'section',
      block_id: 'home_login',
      text: {
        type: 'mrkdwn',
        text: `*You are not logged in to BMS.* ${reason}Log in to work your tickets from Slack.`,
      },
      accessory: button(LOGIN_PROMPT_ACTION, 'Log in', 'primary'),
    };
  }
  return {
    type: 'section',
    block_id: 'home_login',
    text: {
      type: 'mrkdwn',
      text: `Logged in to BMS as *${escapeMrkdwn(state.bmsUserName)}* (\`${escapeMrkdwn(state.userName)}\`, tenant \`${escapeMrkdwn(state.tenant)}\`).`,
    },
    accessory: button(HOME_ACTIONS.logout, 'Log out'),
  };
}

function ticketBlocks(state: Extract<HomeState, { kind: 'logged-in' }>): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'My open tickets' } },
  ];
  if (state.ticketsError) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${state.ticketsError}` } });
    return blocks;
  }
  const tickets = state.tickets ?? [];
  if (tickets.length === 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'No open tickets are assigned to you.' }],
    });
    return blocks;
  }
  blocks.push(...tickets.slice(0, HOME_TICKETS_MAX).map(ticketRow));
  if (tickets.length > HOME_TICKETS_MAX) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Only the ${HOME_TICKETS_MAX} due soonest are shown; \`${Commands.bms} mine\` lists them all.`,
        },
      ],
    });
  }
  return blocks;
}

function cacheBlocks(loadedAt: number | undefined, error: string | undefined): types.KnownBlock[] {
  const age =
    loadedAt === undefined
      ? 'No accounts are cached for you yet; they load the first time a form or command needs them.'
      : `Accounts and lookup lists cached ${slackDate(new Date(loadedAt).toISOString()) ?? 'at an unknown time'}.`;
  return [
    {
      type: 'section',
      block_id: 'home_cache',
      text: { type: 'mrkdwn', text: age },
      accessory: button(HOME_ACTIONS.refreshCache, 'Refresh'),
    },
    ...(error
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `:warning: ${error}` } }]
      : []),
  ];
}

/** Builds the Home tab: login state, a Create ticket button, the user's open tickets and the cache's age. */
export function buildHomeView(state: HomeState): types.HomeView {
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Kaseya BMS' } },
    loginSection(state),
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [button(HomeActions.createTicket, 'Create ticket', 'primary')],
    },
  ];
  if (state.kind === 'logged-in') {
    blocks.push(
      { type: 'divider' },
      ...ticketBlocks(state),
      { type: 'divider' },
      ...cacheBlocks(state.cacheLoadedAt, state.cacheError),
    );
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Type \`${Commands.bms} help\` for every command, such as \`${Commands.bms} ticket 12345\`.`,
      },
    ],
  });
  return { type: 'home', blocks };
}
