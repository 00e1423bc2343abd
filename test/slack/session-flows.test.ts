import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import { MFA_VIEW } from '../../views/mfa-modal.ts';
import { MFA_PROMPT_ACTION, MFA_WAITING_TEXT } from '../../views/mfa-prompt.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import {
  bms,
  buttonActionIds,
  directMessages,
  ENDPOINTS,
  messageText,
  openModal,
  responsePost,
  servedSince,
} from './flow-helpers.ts';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  await harness?.close();
});

function isCard(message: Json, ticketId = SAMPLE_TICKET_ID): boolean {
  return Array.isArray(message.blocks) && (message.blocks[0] as Json).block_id === `ticket_card_${ticketId}`;
}

/** Runs a ticket command for an MFA user whose refresh token has run out, and opens the code modal from the DM. */
async function promptForCode(user: string): Promise<{ commandUrl?: string; view: FakeView }> {
  await harness.loginAs(user, SANDBOX_USERS.mfa, true);
  await harness.advance(DAY_MS + 1000);

  const { result, reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user });
  expect(reply.text).toBe(MFA_WAITING_TEXT);

  const [prompt] = directMessages(harness, user);
  expect(prompt, 'the MFA prompt DM').toBeDefined();
  expect(buttonActionIds(prompt?.args.blocks)).toEqual([MFA_PROMPT_ACTION]);
  const clicked = await harness.driver.blockAction(
    {
      message: { channel: String(prompt?.args.channel), ts: String(prompt?.result.ts) },
      actionId: MFA_PROMPT_ACTION,
    },
    { user },
  );
  await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId);
  const view = openModal(harness, user);
  expect(view.view.callback_id).toBe(MFA_VIEW.callbackId);
  return { commandUrl: result.responseUrl, view };
}

describe('sessions in Slack', () => {
  it('refreshes an expired access token silently', async () => {
    await harness.loginAs('U0EXPIRED');
    await harness.advance(HOUR_MS + 1000);
    const before = await harness.bmsStats();

    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user: 'U0EXPIRED' });
    expect(isCard(reply)).toBe(true);
    expect(await servedSince(harness, before, ENDPOINTS.refresh)).toBe(1);
    expect(await servedSince(harness, before, ENDPOINTS.authenticate)).toBe(0);
  });

  it('delivers the ticket after the MFA code', async () => {
    const user = 'U0MFAFLOW';
    const { commandUrl, view } = await promptForCode(user);
    const submitted = await harness.driver.submitView(view.id, { [MFA_VIEW.action]: SANDBOX_MFA_CODE });
    expect(submitted.outcome).toBe('closed');

    const card = await responsePost(harness, commandUrl, 1);
    expect(isCard(card)).toBe(true);
    expect(card.response_type).toBe('ephemeral');
    expect(await harness.runtime.services.pending.listPending(harness.identity(user))).toEqual([]);
  });

  it('keeps the code modal open on a wrong code', async () => {
    const { view } = await promptForCode('U0MFAONCE');
    const submitted = await harness.driver.submitView(view.id, { [MFA_VIEW.action]: SANDBOX_WRONG_MFA_CODE });
    expect(submitted.outcome).toBe('errors');
    expect(submitted.errors?.[MFA_VIEW.block]).toContain('BMS rejected this code');
    expect(harness.fake.findView(view.id)?.open).toBe(true);
  });

  it('pauses after five wrong codes', async () => {
    const user = 'U0MFAPAUSE';
    const { commandUrl, view } = await promptForCode(user);
    const errors: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const submitted = await harness.driver.submitView(view.id, {
        [MFA_VIEW.action]: SANDBOX_WRONG_MFA_CODE,
      });
      errors.push(String(submitted.errors?.[MFA_VIEW.block]));
    }
    expect(errors.slice(0, 4).every((error) => error.includes('BMS rejected this code'))).toBe(true);
    expect(errors[4]).toMatch(/^Too many wrong codes: try again after \d\d:\d\d UTC\.$/);

    const before = await harness.bmsStats();
    const right = await harness.driver.submitView(view.id, { [MFA_VIEW.action]: SANDBOX_MFA_CODE });
    expect(right.errors?.[MFA_VIEW.block]).toMatch(/^Too many wrong codes/);
    expect(await servedSince(harness, before, ENDPOINTS.authenticate)).toBe(0);
    expect(harness.fake.responsePosts(commandUrl ?? '')).toHaveLength(1);
  });

  it('refreshes once for 50 concurrent commands', async () => {
    const user = 'U0MANY';
    await harness.loginAs(user);
    // Inside the refresh margin: every command wants a new token at the same time.
    await harness.advance(HOUR_MS - 30_000);
    const before = await harness.bmsStats();

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        harness.driver.command('/bms', `ticket ${SAMPLE_TICKET_ID}`, { user }),
      ),
    );
    const replies = await Promise.all(
      results.map((result) => responsePost(harness, result.responseUrl, 0, 20_000)),
    );
    expect(replies.every((reply) => isCard(reply))).toBe(true);
    expect(await servedSince(harness, before, ENDPOINTS.refresh)).toBe(1);
    expect(await servedSince(harness, before, ENDPOINTS.authenticate)).toBe(0);
  });

  it('keeps users apart', async () => {
    await harness.loginAs('U0OWNER');
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user: 'U0STRANGER' });
    expect(buttonActionIds(reply.blocks)).toEqual([LOGIN_PROMPT_ACTION]);
    const whoami = await bms(harness, 'whoami', { user: 'U0STRANGER' });
    expect(messageText(whoami.reply)).toContain('You are not logged in to BMS');
  });

  it('keeps teams apart', async () => {
    const user = 'U0SAMEID';
    await harness.loginAs(user);
    await harness.runtime.services.sessions.login(
      { teamId: 'T0OTHERTEAM', userId: user },
      {
        tenant: SANDBOX_TENANT,
        userName: SANDBOX_USERS.mfa.userName,
        password: SANDBOX_PASSWORD,
        mfaCode: SANDBOX_MFA_CODE,
        rememberPassword: false,
      },
    );

    const home = await bms(harness, 'whoami', { user });
    const other = await bms(harness, 'whoami', { user, team: 'T0OTHERTEAM' });
    expect(messageText(home.reply)).toContain(SANDBOX_USERS.jane.userName);
    expect(messageText(home.reply)).not.toContain(SANDBOX_USERS.mfa.userName);
    expect(messageText(other.reply)).toContain(SANDBOX_USERS.mfa.userName);

    const stranger = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user, team: 'T0THIRDTEAM' });
    expect(buttonActionIds(stranger.reply.blocks)).toEqual([LOGIN_PROMPT_ACTION]);
  });

  // Last in the file: revoking ends every token of jane.doe, whichever Slack user holds it.
  it('renews a revoked token once', async () => {
    const user = 'U0REVOKED';
    await harness.loginAs(user, SANDBOX_USERS.jane, true);
    const revoked = await fetch(`${harness.sandbox.url}/__sandbox/revoke`, {
      method: 'POST',
      body: JSON.stringify({ userName: SANDBOX_USERS.jane.userName }),
    });
    expect(revoked.ok).toBe(true);
    const before = await harness.bmsStats();

    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user });
    expect(isCard(reply)).toBe(true);
    expect(await servedSince(harness, before, ENDPOINTS.authenticate)).toBe(1);
    expect(await harness.waitForLog(/BMS rejected the access token; renewing and retrying once/)).toContain(
      user,
    );
  });
});
