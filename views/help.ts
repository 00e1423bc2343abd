import type { types } from '@slack/bolt';
import { Commands } from '../src/slack/ids.ts';

/** One line of help: an example of the command and what it does. */
export interface HelpEntry {
  subcommand: string;
  example: string;
  summary: string;
}

export const HELP_ENTRIES: readonly HelpEntry[] = [
  {
    subcommand: 'ticket',
    example: `${Commands.bms} ticket 12345`,
    summary:
      'Show a ticket by id or number (like T20240101.0001), with buttons to change, assign and add notes.',
  },
  {
    subcommand: 'create',
    example: `${Commands.bms} create Printer offline`,
    summary: 'Open the new-ticket form; text after `create` becomes the title.',
  },
  {
    subcommand: 'login',
    example: `${Commands.bms} login`,
    summary: 'Sign in to BMS as yourself. The app asks for a verification code in a form when BMS wants one.',
  },
  {
    subcommand: 'logout',
    example: `${Commands.bms} logout`,
    summary: 'Sign out and delete your stored BMS session.',
  },
  {
    subcommand: 'whoami',
    example: `${Commands.bms} whoami`,
    summary: 'Show the BMS user and tenant you are signed in as.',
  },
  {
    subcommand: 'accounts',
    example: `${Commands.bms} accounts contoso`,
    summary: 'Find accounts whose name contains the text.',
  },
  {
    subcommand: 'locations',
    example: `${Commands.bms} locations Contoso Ltd`,
    summary: 'List the locations of an account.',
  },
  { subcommand: 'help', example: `${Commands.bms} help`, summary: 'Show this list.' },
];

const SHORTCUTS_NOTE =
  'Shortcuts: *Create BMS ticket* in the shortcuts menu, and *Ticket from message* or *Add to BMS ticket* in the *More actions* menu of any message, thread replies included.';

function commandLines(): string {
  return HELP_ENTRIES.map((entry) => `\`${entry.example}\`  ${entry.summary}`).join('\n');
}

/** Builds the response to `/bms` and `/bms help`. `intro` is mrkdwn that the caller has escaped. */
export function buildHelpMessage(intro?: string): { text: string; blocks: types.KnownBlock[] } {
  const blocks: types.KnownBlock[] = [];
  if (intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: intro } });
  blocks.push(
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Work Kaseya BMS tickets from Slack*\n${commandLines()}` },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: SHORTCUTS_NOTE }] },
  );
  const text = `${intro ? `${intro}\n` : ''}bms commands: ${HELP_ENTRIES.map((entry) => entry.example).join(', ')}`;
  return { text, blocks };
}

/** Builds the app's Home tab, which lists the same commands and shortcuts. */
export function buildHomeView(): types.HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Kaseya BMS tickets in Slack' } },
      { type: 'section', text: { type: 'mrkdwn', text: commandLines() } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: SHORTCUTS_NOTE }] },
    ],
  };
}
