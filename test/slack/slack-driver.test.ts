import type { BlockAction, MessageShortcut, ViewResponseAction } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../fakes/inbox.ts';
import { type SlackHarness, startSlackHarness } from '../fakes/slack-harness.ts';

const USER = 'U0TESTER01';
const CHANNEL = 'C0GENERAL1';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string, text: string) => ({ text: plain(text), value });
const form = (callbackId: string, title = 'Test form') => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: plain(title),
  submit: plain('Save'),
  blocks: [
    {
      type: 'input' as const,
      block_id: 'title',
      label: plain('Title'),
      element: { type: 'plain_text_input' as const, action_id: 'title' },
    },
    {
      type: 'input' as const,
      block_id: 'priority',
      optional: true,
      dispatch_action: true,
      label: plain('Priority'),
      element: {
        type: 'static_select' as const,
        action_id: 'priority',
        options: [option('1', 'High'), option('2', 'Low')],
      },
    },
    {
      type: 'section' as const,
      block_id: 'account',
      text: { type: 'mrkdwn' as const, text: 'Account' },
      accessory: { type: 'external_select' as const, action_id: 'account', min_query_length: 0 },
    },
  ],
});

/** The ack the test listener sends for a submission, set per test. */
let nextAnswer: ViewResponseAction | undefined;
const submissions: Array<Record<string, unknown>> = [];
const actions = new Inbox<BlockAction>();
const shortcuts = new Inbox<MessageShortcut>();
let optionsAnswer: unknown = { options: [] };
let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness({
    register: (registry) => {
      registry.globalShortcut('open_form', async ({ shortcut, client }) => {
        await client.views.open({ trigger_id: shortcut.trigger_id, view: form('driver_form') });
      });
      registry.viewSubmission('driver_form', async ({ ack, view }) => {
        submissions.push(view.state.values);
        await ack(nextAnswer);
      });
      registry.action('priority', async ({ body }) => {
        actions.add(body);
      });
      registry.action('card_button', async ({ body }) => {
        actions.add(body);
      });
      registry.options('account', async ({ ack }) => {
        await ack(optionsAnswer as Parameters<typeof ack>[0]);
      });
      registry.messageShortcut('driver_message_shortcut', async ({ shortcut }) => {
        shortcuts.add(shortcut);
      });
    },
  });
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(() => {
  harness.fake.reset();
  nextAnswer = undefined;
  optionsAnswer = { options: [] };
  submissions.length = 0;
  actions.clear();
  shortcuts.clear();
});

async function openForm(): Promise<string> {
  await harness.driver.globalShortcut('open_form', { user: USER });
  await harness.fake.waitForCall('views.open');
  return String(harness.fake.latestView(USER)?.id);
}

describe('driver submitView', () => {
  it('sends state and closes on empty ack', async () => {
    const viewId = await openForm();
    const result = await harness.driver.submitView(viewId, { title: 'Printer offline', priority: '1' });
    expect(result.outcome).toBe('closed');
    expect(submissions[0]).toEqual({
      title: { title: { type: 'plain_text_input', value: 'Printer offline' } },
      priority: { priority: { type: 'static_select', selected_option: option('1', 'High') } },
    });
    expect(harness.fake.openViews(USER)).toEqual([]);
  });

  it('refuses an option the select lacks', async () => {
    const viewId = await openForm();
    await expect(harness.driver.submitView(viewId, { title: 'x', priority: '9' })).rejects.toThrow(
      /no option with value 9/,
    );
  });

  it('refuses an empty required input', async () => {
    const viewId = await openForm();
    await expect(harness.driver.submitView(viewId, { priority: '1' })).rejects.toThrow(
      /required inputs title/,
    );
  });

  it('shows errors keyed by input block', async () => {
    const viewId = await openForm();
    nextAnswer = { response_action: 'errors', errors: { title: 'Title is required.' } };
    const result = await harness.driver.submitView(viewId, { title: ' ' });
    expect(result.outcome).toBe('errors');
    expect(result.errors).toEqual({ title: 'Title is required.' });
    expect(harness.fake.findView(viewId)?.open).toBe(true);
  });

  it('fails errors keyed by a non-input block', async () => {
    const viewId = await openForm();
    nextAnswer = { response_action: 'errors', errors: { account: 'Pick an account.' } };
    const result = await harness.driver.submitView(viewId, { title: 'x' });
    expect(result.outcome).toBe('failed');
    expect(result.failure).toContain('account');
  });

  it('updates, pushes and clears', async () => {
    const viewId = await openForm();
    nextAnswer = { response_action: 'update', view: form('driver_form', 'Updated') };
    expect((await harness.driver.submitView(viewId, { title: 'x' })).outcome).toBe('updated');
    expect(harness.fake.findView(viewId)?.view.title).toEqual(plain('Updated'));

    nextAnswer = { response_action: 'push', view: form('driver_form', 'Pushed') };
    expect((await harness.driver.submitView(viewId, { title: 'x' })).outcome).toBe('pushed');
    expect(harness.fake.openViews(USER)).toHaveLength(2);

    nextAnswer = { response_action: 'clear' };
    expect((await harness.driver.submitView(viewId, { title: 'x' })).outcome).toBe('cleared');
    expect(harness.fake.openViews(USER)).toEqual([]);
  });

  it('fails an invalid update', async () => {
    const viewId = await openForm();
    nextAnswer = { response_action: 'update', view: form('driver_form', 'A title far over the limit') };
    const result = await harness.driver.submitView(viewId, { title: 'x' });
    expect(result.outcome).toBe('failed');
    expect(result.failure).toContain('/view/title/text');
  });
});

describe('driver blockAction', () => {
  it('sends a select change with view state', async () => {
    const viewId = await openForm();
    await harness.driver.blockAction({ viewId, actionId: 'priority', value: '2' });
    const action = await actions.at(0);
    expect(action.actions[0]).toMatchObject({ action_id: 'priority', selected_option: option('2', 'Low') });
    expect(action.view?.state.values.priority?.priority?.selected_option?.value).toBe('2');
    expect(harness.fake.findView(viewId)?.state.values.priority?.priority?.selected_option).toEqual(
      option('2', 'Low'),
    );
  });

  it('presses a button on a posted message', async () => {
    harness.fake.addChannel({ id: CHANNEL });
    const blocks = [
      {
        type: 'actions',
        block_id: 'card',
        elements: [{ type: 'button', action_id: 'card_button', value: '12345', text: plain('Assign') }],
      },
    ];
    const posted = await harness.slack.app.client.chat.postMessage({
      channel: CHANNEL,
      text: 'card',
      blocks,
    });
    const result = await harness.driver.blockAction({
      message: { channel: CHANNEL, ts: String(posted.ts) },
      actionId: 'card_button',
    });
    expect(result.status).toBe(200);
    expect(result.responseUrl).toContain(harness.fake.url);
    expect((await actions.at(0)).actions[0]).toMatchObject({
      type: 'button',
      value: '12345',
      block_id: 'card',
    });
  });

  it('refuses a button that is not there', async () => {
    const viewId = await openForm();
    await expect(harness.driver.blockAction({ viewId, actionId: 'missing' })).rejects.toThrow(/no element/);
  });
});

describe('driver options', () => {
  it('checks the answer against Block Kit', async () => {
    const viewId = await openForm();
    optionsAnswer = {
      options: Array.from({ length: 101 }, (_, index) => option(String(index), `Account ${index}`)),
    };
    const result = await harness.driver.options({ viewId, actionId: 'account', value: 'con' });
    expect(result.violations).toEqual(['no more than 100 items allowed [json-pointer:/options]']);
  });

  it('refuses a static select', async () => {
    const viewId = await openForm();
    await expect(harness.driver.options({ viewId, actionId: 'priority', value: '' })).rejects.toThrow(
      /external/,
    );
  });
});

describe('driver messageShortcut', () => {
  it('sends a bot message without user', async () => {
    await harness.driver.messageShortcut('driver_message_shortcut', {
      text: '',
      botId: 'B0OTHERBOT',
      threadTs: '1.1',
    });
    const shortcut = await shortcuts.at(0);
    expect(shortcut.message.user).toBeUndefined();
    expect(shortcut.message.text).toBe('');
    expect(shortcut.message.thread_ts).toBe('1.1');
    expect(shortcut.response_url).toContain(harness.fake.url);
    expect(shortcut.channel.id).toBe(CHANNEL);
  });
});
