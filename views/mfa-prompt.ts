import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';

/** Action id of the DM's "Enter MFA code" button; commands/mfa.ts opens the code modal on it. */
export const MFA_PROMPT_ACTION = 'bms_mfa_open';

export const MFA_WAITING_TEXT = 'Waiting for your MFA code: check your direct messages from the app.';

/** Builds the message shown in place while the app waits for the code. */
export function buildMfaWaiting(): { text: string; blocks: types.KnownBlock[] } {
  return {
    text: MFA_WAITING_TEXT,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:lock: ${MFA_WAITING_TEXT}\nThe app finishes your request once BMS accepts the code (within 10 minutes).`,
        },
      },
    ],
  };
}

/**
 * Builds the DM that requests an MFA code. The code is typed in a modal, never as a DM reply, because a
 * message would stay in Slack's history. The button carries the pending operation's id.
 */
export function buildMfaPrompt(options: { pendingId: string; tenant?: string; userName?: string }): {
  text: string;
  blocks: types.KnownBlock[];
} {
  const account =
    options.userName && options.tenant
      ? ` for \`${escapeMrkdwn(options.userName)}\` on tenant \`${escapeMrkdwn(options.tenant)}\``
      : '';
  const text = 'BMS needs an MFA code to renew your session.';
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*BMS needs an MFA code${account}.*\nOpen the form and enter the 6-digit code from your authenticator app. Your request runs as soon as BMS accepts it.`,
        },
      },
      {
        type: 'actions',
        block_id: 'bms_mfa_prompt',
        elements: [
          {
            type: 'button',
            action_id: MFA_PROMPT_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Enter MFA code' },
            value: options.pendingId,
          },
        ],
      },
    ],
  };
}

/** Tells the user that tries are paused; `until` is ms since the epoch. */
export function mfaPausedText(until: number): string {
  return `Too many wrong codes: try again after ${clockTime(until)} UTC.`;
}

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}
