import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import { UNKNOWN_ERROR_TEXT } from '../../src/slack/error-text.ts';
import { LOGIN_VIEW } from '../../views/login-modal.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { bms, ENDPOINTS, messageText, openModal, responsePost, servedSince } from './flow-helpers.ts';

const { blocks: BLOCKS, actions: ACTIONS } = LOGIN_VIEW;
let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { tenant: SANDBOX_TENANT } });
});
afterAll(async () => {
  await harness?.close();
});

/** Opens the login modal with `/bms login` and returns the view and the command's response URL. */
async function openLogin(user: string) {
  const result = await harness.driver.command('/bms', 'login', { user });
  expect(result.status).toBe(200);
  await harness.fake.waitForCall(
    'views.open',
    (call) => call.result.ok === true && call.args.trigger_id === result.triggerId,
  );
  return { view: openModal(harness, user), responseUrl: result.responseUrl };
}

function credentials(userName: string, extra: Record<string, string | string[]> = {}) {
  return { [ACTIONS.userName]: userName, [ACTIONS.password]: SANDBOX_PASSWORD, ...extra };
}

function stateValue(viewId: string, block: string, action: string): unknown {
  return harness.fake.findView(viewId)?.state.values[block]?.[action]?.value;
}

describe('login modal', () => {
  it('opens with the tenant filled in', async () => {
    const { view } = await openLogin('U0OPEN');
    expect(view.view.callback_id).toBe(LOGIN_VIEW.callbackId);
    expect(stateValue(view.id, BLOCKS.tenant, ACTIONS.tenant)).toBe(SANDBOX_TENANT);
    expect(messageText(view.view)).toContain('no hidden password field');
  });

  it('logs in without MFA', async () => {
    const { view, responseUrl } = await openLogin('U0PLAIN');
    const submitted = await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.jane.userName));
    expect(submitted.outcome).toBe('closed');

    const confirmation = await responsePost(harness, responseUrl);
    expect(confirmation.response_type).toBe('ephemeral');
    expect(String(confirmation.text)).toContain(`as *${SANDBOX_USERS.jane.fullName}*`);
    const session = await harness.runtime.services.sessions.status(harness.identity('U0PLAIN'));
    expect(session?.userName).toBe(SANDBOX_USERS.jane.userName);
    expect(session?.passwordRemembered).toBe(false);
  });

  it('remembers the password when asked', async () => {
    const { view } = await openLogin('U0REMEMBER');
    const submitted = await harness.driver.submitView(
      view.id,
      credentials(SANDBOX_USERS.jane.userName, { [ACTIONS.remember]: ['remember'] }),
    );
    expect(submitted.outcome).toBe('closed');
    const session = await harness.runtime.services.sessions.status(harness.identity('U0REMEMBER'));
    expect(session?.passwordRemembered).toBe(true);
  });

  it('shows a wrong password on the password', async () => {
    const { view } = await openLogin('U0WRONG');
    const submitted = await harness.driver.submitView(view.id, {
      [ACTIONS.userName]: SANDBOX_USERS.jane.userName,
      [ACTIONS.password]: 'not-the-password',
    });
    expect(submitted.outcome).toBe('errors');
    expect(Object.keys(submitted.errors ?? {})).toEqual([BLOCKS.password]);
    expect(harness.fake.findView(view.id)?.open).toBe(true);
    expect(stateValue(view.id, BLOCKS.userName, ACTIONS.userName)).toBe(SANDBOX_USERS.jane.userName);
    expect(stateValue(view.id, BLOCKS.tenant, ACTIONS.tenant)).toBe(SANDBOX_TENANT);
  });

  it('shows a locked account on the user name', async () => {
    const { view } = await openLogin('U0LOCKED');
    const submitted = await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.locked.userName));
    expect(submitted.outcome).toBe('errors');
    expect(Object.keys(submitted.errors ?? {})).toEqual([BLOCKS.userName]);
    expect(submitted.errors?.[BLOCKS.userName]).toContain('locked');
  });

  it('asks for the MFA code, then logs in', async () => {
    const { view, responseUrl } = await openLogin('U0MFA');
    const first = await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.mfa.userName));
    expect(first.outcome).toBe('errors');
    expect(first.errors?.[BLOCKS.mfaCode]).toBe(
      'This account needs an MFA code: enter the 6-digit code from your authenticator app.',
    );
    expect(stateValue(view.id, BLOCKS.password, ACTIONS.password)).toBe(SANDBOX_PASSWORD);

    const second = await harness.driver.submitView(view.id, { [ACTIONS.mfaCode]: SANDBOX_MFA_CODE });
    expect(second.outcome).toBe('closed');
    const confirmation = await responsePost(harness, responseUrl);
    expect(String(confirmation.text)).toContain(SANDBOX_USERS.mfa.fullName);
  });

  it('shows a wrong MFA code on the code', async () => {
    const { view } = await openLogin('U0MFAWRONG');
    const submitted = await harness.driver.submitView(
      view.id,
      credentials(SANDBOX_USERS.mfa.userName, { [ACTIONS.mfaCode]: SANDBOX_WRONG_MFA_CODE }),
    );
    expect(submitted.outcome).toBe('errors');
    expect(submitted.errors?.[BLOCKS.mfaCode]).toContain('BMS rejected this MFA code');
    expect(stateValue(view.id, BLOCKS.userName, ACTIONS.userName)).toBe(SANDBOX_USERS.mfa.userName);
  });

  it('rejects a malformed code without BMS', async () => {
    const before = await harness.bmsStats();
    const { view } = await openLogin('U0MFAFORMAT');
    const submitted = await harness.driver.submitView(
      view.id,
      credentials(SANDBOX_USERS.mfa.userName, { [ACTIONS.mfaCode]: '12ab' }),
    );
    expect(submitted.errors?.[BLOCKS.mfaCode]).toContain('6 digits');
    expect(await servedSince(harness, before, ENDPOINTS.authenticate)).toBe(0);
  });

  it('finishes a slow login after the ack', async () => {
    await harness.bmsFault({
      fault: 'latency',
      latencyMs: 3000,
      method: 'POST',
      path: '/v2/security/authenticate',
    });
    const { view, responseUrl } = await openLogin('U0SLOW');
    const submitted = await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.jane.userName));
    expect(submitted.outcome).toBe('updated');
    expect(messageText(harness.fake.findView(view.id)?.view ?? {})).toContain('Logging in to BMS');

    const update = await harness.fake.waitForCall(
      'views.update',
      (call) => call.args.view_id === view.id,
      10_000,
    );
    expect(update.result.ok).toBe(true);
    expect(messageText(update.args.view as Json)).toContain('You are logged in to BMS');
    await responsePost(harness, responseUrl, 0, 10_000);
  });

  it('shows a slow failure in the form', async () => {
    await harness.bmsFault({
      fault: 'latency',
      latencyMs: 3000,
      method: 'POST',
      path: '/v2/security/authenticate',
    });
    const { view } = await openLogin('U0SLOWFAIL');
    const submitted = await harness.driver.submitView(view.id, {
      [ACTIONS.userName]: SANDBOX_USERS.jane.userName,
      [ACTIONS.password]: 'not-the-password',
    });
    expect(submitted.outcome).toBe('updated');

    const update = await harness.fake.waitForCall(
      'views.update',
      (call) => call.args.view_id === view.id,
      10_000,
    );
    const form = update.args.view as Json;
    expect(form.callback_id).toBe(LOGIN_VIEW.callbackId);
    expect(messageText(form)).toContain('BMS rejected the tenant, user name or password');
    expect(stateValue(view.id, BLOCKS.userName, ACTIONS.userName)).toBe(SANDBOX_USERS.jane.userName);
    expect(stateValue(view.id, BLOCKS.password, ACTIONS.password)).toBeFalsy();
  });

  it('runs the waiting ticket after the login button', async () => {
    const user = 'U0BUTTON';
    const { result, reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, {
      user,
      channel: 'C0BUTTON01',
    });
    const clicked = await harness.driver.blockAction(
      {
        message: {
          channel: 'C0BUTTON01',
          ts: '1700000000.000200',
          blocks: reply.blocks as unknown[],
          ephemeral: true,
        },
        actionId: LOGIN_PROMPT_ACTION,
      },
      { user },
    );
    await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId);
    const view = openModal(harness, user);
    const submitted = await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.jane.userName));
    expect(submitted.outcome).toBe('closed');

    const confirmation = await responsePost(harness, clicked.responseUrl);
    expect(String(confirmation.text)).toContain('You are logged in to BMS');
    const card = await responsePost(harness, result.responseUrl, 1);
    expect((card.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);
    expect(await harness.runtime.services.pending.listPending(harness.identity(user))).toEqual([]);
  });

  it('reports a failed waiting operation', async () => {
    const user = 'U0BROKEN';
    const responseUrl = harness.fake.issueResponseUrl({ channelId: 'C0BROKEN01', userId: user });
    await harness.runtime.services.pending.savePending(harness.identity(user), {
      kind: 'test.unregistered',
      payload: {},
      respondTo: { responseUrl },
    });
    const { view } = await openLogin(user);
    await harness.driver.submitView(view.id, credentials(SANDBOX_USERS.jane.userName));

    const failure = await responsePost(harness, responseUrl);
    expect(failure.text).toBe(UNKNOWN_ERROR_TEXT);
    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain('pending test.unregistered');
    expect(line).toContain(user);
  });
});
