import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ACCOUNT_IDS, QUEUE_IDS } from '../../src/sandbox/index.ts';
import { runPendingOperations } from '../../src/slack/run-as-user.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { responsePost } from './flow-helpers.ts';
import { enter, openedView, pick, stateOf, submitForResult } from './ticket-form-helpers.ts';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs('U0JANE');
});
afterAll(async () => {
  await harness?.close();
});

describe('ticket form entry points', () => {
  it('sends the card by DM from the global shortcut', async () => {
    const result = await harness.driver.globalShortcut('create_ticket', { user: 'U0JANE' });
    const viewId = await openedView(harness, result.triggerId);
    enter(harness, viewId, 'create_ticket_title', 'From the shortcut');
    enter(harness, viewId, 'create_ticket_details', 'Opened from anywhere.');
    await pick(harness, viewId, 'create_ticket_account', {
      value: String(CONTOSO_ACCOUNT_IDS.contoso),
      text: 'Contoso',
    });
    enter(harness, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));

    const shown = await submitForResult(harness, viewId);
    expect(JSON.stringify(shown.blocks)).toMatch(/Created .*T\d{8}\.\d{4}/);
    const dm = await harness.fake.waitForCall('chat.postMessage', (call) =>
      String(call.args.channel).startsWith('D'),
    );
    expect(dm.result.ok).toBe(true);
    expect(JSON.stringify(dm.args.blocks)).toContain('From the shortcut');
    expect(harness.fake.callsOf('conversations.open').at(-1)?.args.users).toBe('U0JANE');
  });

  it('opens the form from the Home tab button', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'home_actions',
        elements: [
          { type: 'button', action_id: 'home_create_ticket', text: { type: 'plain_text', text: 'Create' } },
        ],
      },
    ];
    const result = await harness.driver.blockAction(
      {
        message: { channel: 'D0HOME0001', ts: '1.000001', blocks, ephemeral: true },
        actionId: 'home_create_ticket',
      },
      { user: 'U0JANE' },
    );
    const viewId = await openedView(harness, result.triggerId);
    expect(harness.fake.findView(viewId)?.view.callback_id).toBe('create_ticket_form');
  });

  it('offers the form again after a sign-in', async () => {
    const user = 'U0NEWUSER';
    const command = await harness.driver.command('/bms', 'create Waiting for my login', { user });
    const viewId = await openedView(harness, command.triggerId);
    expect(JSON.stringify(harness.fake.findView(viewId)?.view.blocks)).toContain('Sign in to BMS first');
    const prompt = await responsePost(harness, command.responseUrl);
    expect(JSON.stringify(prompt.blocks)).toContain('Log in to BMS');

    await harness.loginAs(user);
    expect(await runPendingOperations(harness.slack.deps, harness.identity(user))).toBe(1);
    const offer = await responsePost(harness, command.responseUrl, 1);
    const actions = (offer.blocks as Json[]).find((block) => block.type === 'actions');
    const button = (actions?.elements as Json[] | undefined)?.[0];
    expect(button?.action_id).toBe('resume_form_after_sign_in');

    // A click in the ephemeral message carries a fresh trigger id, which opens the form again.
    const click = await harness.driver.blockAction(
      {
        message: {
          channel: 'C0GENERAL1',
          ts: '2.000002',
          blocks: offer.blocks as unknown[],
          ephemeral: true,
        },
        actionId: 'resume_form_after_sign_in',
      },
      { user },
    );
    const reopened = await openedView(harness, click.triggerId);
    expect(stateOf(harness, reopened, 'create_ticket_title')?.value).toBe('Waiting for my login');

    const stranger = await harness.driver.blockAction(
      {
        message: {
          channel: 'C0GENERAL1',
          ts: '2.000002',
          blocks: offer.blocks as unknown[],
          ephemeral: true,
        },
        actionId: 'resume_form_after_sign_in',
      },
      { user: 'U0JANE' },
    );
    const refusal = await responsePost(harness, stranger.responseUrl);
    expect(refusal.text).toContain('expired');
  });

  it('creates a submitted ticket after a sign-in', async () => {
    const user = 'U0LAPSED1';
    await harness.loginAs(user);
    const command = await harness.driver.command('/bms', 'create Submitted while signed out', { user });
    const viewId = await openedView(harness, command.triggerId);
    enter(harness, viewId, 'create_ticket_details', 'The session ended before submit.');
    await pick(
      harness,
      viewId,
      'create_ticket_account',
      { value: String(CONTOSO_ACCOUNT_IDS.contoso), text: 'Contoso' },
      user,
    );
    enter(harness, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
    await harness.runtime.services.sessions.logout(harness.identity(user));

    const shown = await submitForResult(harness, viewId);
    expect(JSON.stringify(shown.blocks)).toContain('Sign in to BMS to finish');

    await harness.loginAs(user);
    expect(await runPendingOperations(harness.slack.deps, harness.identity(user))).toBe(1);
    const card = await responsePost(harness, command.responseUrl);
    expect(String((card.blocks as Json[])[0]?.block_id)).toMatch(/^ticket_card_\d+$/);
    expect(JSON.stringify(card.blocks)).toContain('Submitted while signed out');
  });
});
