import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { SessionStatus } from '../src/vault/sessions.ts';
import { slackDate } from './slack-dates.ts';

/**
 * Builds the reply to `/bms whoami` and `/bms auth status`: who the user acts as in BMS, and when the
 * session ends. Built from SessionStatus, which holds no password, code or token.
 */
export function buildSessionStatusMessage(
  session: SessionStatus,
  now: number,
  heading = 'You are logged in to BMS.',
): { text: string; blocks: types.KnownBlock[] } {
  const accessDate = dateOf(session.accessTokenExpiresAt);
  const refreshDate = dateOf(session.refreshTokenExpiresAt);
  const access =
    session.accessTokenExpiresAt > now
      ? `The access token expires ${accessDate}; the app renews it on its own before then.`
      : `The access token expired ${accessDate}; the app renews it on your next request.`;
  const ending = session.passwordRemembered
    ? `The session can be renewed until ${refreshDate}. After that the app logs in again with your remembered password, and asks for an MFA code if BMS wants one.`
    : `The session can be renewed until ${refreshDate}. After that, run \`/bms login\` again.`;

  const fields: types.MrkdwnElement[] = [
    { type: 'mrkdwn', text: `*Tenant*\n${escapeMrkdwn(session.tenant)}` },
    {
      type: 'mrkdwn',
      text: `*BMS user*\n${escapeMrkdwn(session.bmsUserName)} (\`${escapeMrkdwn(session.userName)}\`)`,
    },
    { type: 'mrkdwn', text: `*Session ends*\n${refreshDate}` },
    {
      type: 'mrkdwn',
      text: `*Password remembered*\n${session.passwordRemembered ? 'Yes (encrypted)' : 'No'}`,
    },
  ];
  return {
    text: `${heading} Tenant ${escapeMrkdwn(session.tenant)}, user ${escapeMrkdwn(session.userName)}.`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${heading}*` } },
      { type: 'section', fields },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${access} ${ending}` }] },
    ],
  };
}

function dateOf(ms: number): string {
  return slackDate(new Date(ms).toISOString()) ?? 'at an unknown time';
}
