import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';

/** Action id of the "Log in to BMS" button; commands/login.ts opens the login modal on it. */
export const LOGIN_PROMPT_ACTION = 'bms_login_open';

export const NOT_LOGGED_IN_TEXT = 'You are not logged in to BMS.';

/**
 * Builds the message shown in place when a command needs a BMS login: why, and a button that opens
 * the login modal (a button, because opening a modal needs the trigger id of a click).
 */
export function buildLoginPrompt(options: { reason?: string; userName?: string; waiting?: boolean } = {}): {
  text: string;
  blocks: types.KnownBlock[];
} {
  const lines = [`*${NOT_LOGGED_IN_TEXT}*`];
  if (options.reason) lines.push(escapeMrkdwn(options.reason));
  if (options.userName) lines.push(`Last signed in as \`${escapeMrkdwn(options.userName)}\`.`);
  if (options.waiting) lines.push('Log in within 10 minutes and the app finishes what you asked for.');
  return {
    text: NOT_LOGGED_IN_TEXT,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      {
        type: 'actions',
        block_id: 'bms_login_prompt',
        elements: [
          {
            type: 'button',
            action_id: LOGIN_PROMPT_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Log in to BMS' },
            value: 'login',
          },
        ],
      },
    ],
  };
}
