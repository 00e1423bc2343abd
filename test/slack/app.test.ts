import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BmsError } from '../../src/bms/errors.ts';
import { UNKNOWN_ERROR_TEXT } from '../../src/slack/error-text.ts';
import { Inbox } from '../fakes/inbox.ts';
import { type SlackHarness, startSlackHarness } from '../fakes/slack-harness.ts';

const TEAM = 'T0FAKE0001';
const USER = 'U0TESTER01';
const RAW_MESSAGE = 'raw failure text with /internal/path.ts:42';

const testModal = (callbackId: string) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: { type: 'plain_text' as const, text: 'Test form' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'title',
      label: { type: 'plain_text' as const, text: 'Title' },
      element: { type: 'plain_text_input' as const, action_id: 'title' },
    },
  ],
});

let harness: SlackHarness;
const countedCommands = new Inbox<string>();
const retryNumbers = new Inbox<{ retryNum: number | undefined }>();

beforeAll(async () => {
  harness = await startSlackHarness({
    register: (registry) => {
      registry.command('/test-count', async ({ command }) => {
        countedCommands.add(command.text);
      });
      registry.command('/test-fail', async () => {
        throw new Error(RAW_MESSAGE);
      });
      registry.command('/test-bms', async () => {
        throw new BmsError('not_found', 'Ticket 99 was not found.', {
          status: 404,
          endpoint: 'GET /v2/servicedesk/tickets/{ticketId}',
          bmsMessage: 'Ticket 99 was not found.',
        });
      });
      registry.globalShortcut('test_fail_shortcut', async () => {
        throw new BmsError('token_expired', 'refresh token expired');
      });
      registry.globalShortcut('test_open_view', async ({ shortcut, client }) => {
        await client.views.open({ trigger_id: shortcut.trigger_id, view: testModal('test_fail_view') });
      });
      registry.globalShortcut('test_open_view_after_ack', async ({ shortcut, client }) => {
        await client.views.open({ trigger_id: shortcut.trigger_id, view: testModal('test_fail_after_ack') });
      });
      registry.viewSubmission('test_fail_view', async () => {
        throw new Error(RAW_MESSAGE);
      });
      registry.viewSubmission('test_fail_after_ack', async ({ ack }) => {
        await ack();
        throw new Error(RAW_MESSAGE);
      });
      registry.globalShortcut('test_open_select', async ({ shortcut, client }) => {
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: {
            type: 'modal',
            title: { type: 'plain_text', text: 'Pick' },
            blocks: [
              {
                type: 'section',
                block_id: 'pick',
                text: { type: 'mrkdwn', text: 'Account' },
                accessory: { type: 'external_select', action_id: 'test_options_fail', min_query_length: 0 },
              },
            ],
          },
        });
      });
      registry.options('test_options_fail', async () => {
        throw new Error(RAW_MESSAGE);
      });
      registry.event('reaction_added', async ({ context }) => {
        retryNumbers.add({ retryNum: context.retryNum });
      });
    },
  });
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(() => {
  harness.fake.reset();
  harness.logLines.length = 0;
  countedCommands.clear();
  retryNumbers.clear();
});

/** Lines the error boundary wrote. */
const failureLines = () => harness.logLines.filter((line) => line.includes('listener failed'));

describe('receiver', () => {
  it('answers GET /healthz', async () => {
    const response = await fetch(`${harness.baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${harness.baseUrl}/nothing`)).status).toBe(404);
  });

  it('runs a signed command', async () => {
    const result = await harness.driver.command('/test-count', 'first');
    expect(result.status).toBe(200);
    expect(await countedCommands.at(0)).toBe('first');
  });

  it('rejects a wrong signature', async () => {
    const result = await harness.driver.command('/test-count', 'forged', { wrongSignature: true });
    expect(result.status).toBe(401);
    // A signed request sent after the forged one is the first the listener receives.
    await harness.driver.command('/test-count', 'signed');
    expect(await countedCommands.at(0)).toBe('signed');
    expect(harness.fake.calls).toEqual([]);
  });

  it('rejects a stale timestamp', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await harness.driver.command('/test-count', 'stale', { timestamp: sixMinutesAgo });
    expect(result.status).toBe(401);
    await harness.driver.command('/test-count', 'fresh');
    expect(await countedCommands.at(0)).toBe('fresh');
  });

  it('passes the event retry number', async () => {
    const event = {
      type: 'reaction_added',
      user: USER,
      reaction: 'eyes',
      item: { type: 'message', channel: 'C1', ts: '1.2' },
    };
    await harness.driver.event(event);
    const retried = await harness.driver.event(event, { retryNum: 2, retryReason: 'http_timeout' });
    expect(retried.status).toBe(200);
    expect(await retryNumbers.at(1)).toEqual({ retryNum: 2 });
    expect(retryNumbers.items).toEqual([{ retryNum: undefined }, { retryNum: 2 }]);
  });
});

describe('/bms', () => {
  it('answers help without arguments', async () => {
    const result = await harness.driver.command('/bms', '');
    expect(result.status).toBe(200);
    expect(result.body).toBeUndefined();
    const post = await harness.fake.waitForCall('response_url');
    expect(post.result.ok).toBe(true);
    expect(post.args.response_type).toBe('ephemeral');
    expect(String(post.args.text)).toContain('/bms ticket 12345');
  });

  it('answers help for help', async () => {
    await harness.driver.command('/bms', 'help');
    const post = await harness.fake.waitForCall('response_url');
    for (const subcommand of [
      'ticket',
      'create',
      'login',
      'logout',
      'whoami',
      'accounts',
      'locations',
      'help',
    ]) {
      expect(JSON.stringify(post.args.blocks)).toContain(`/bms ${subcommand}`);
    }
  });

  it('names an unknown subcommand, escaped', async () => {
    await harness.driver.command('/bms', 'frobnicate<!channel>');
    const post = await harness.fake.waitForCall('response_url');
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('frobnicate&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });
});

describe('home and shortcuts', () => {
  it('publishes the home tab', async () => {
    await harness.driver.event({ type: 'app_home_opened', user: USER, channel: 'D0TESTER01', tab: 'home' });
    const publish = await harness.fake.waitForCall('views.publish');
    expect(publish.result.ok).toBe(true);
    expect(harness.fake.homeView(USER)?.type).toBe('home');
  });

  it('opens a modal for each manifest shortcut', async () => {
    await harness.driver.globalShortcut('create_ticket');
    await harness.driver.messageShortcut('create_ticket_from_message', {
      text: 'printer on fire',
      user: 'U0OTHER001',
    });
    await harness.driver.messageShortcut('add_note_from_message', { text: '', botId: 'B0OTHERBOT' });
    await harness.fake.waitForCall('views.open', () => harness.fake.callsOf('views.open').length === 3);
    expect(harness.fake.callsOf('views.open').map((call) => call.result.ok)).toEqual([true, true, true]);
    // This app has no BMS services, so each flow fails after opening its modal; waiting for
    // those failures keeps their log lines out of the next test.
    for (const shortcut of ['create_ticket', 'create_ticket_from_message', 'add_note_from_message']) {
      await harness.waitForLog(new RegExp(`listener="shortcut ${shortcut}"`));
    }
  });
});

describe('error boundary', () => {
  it('answers a failing command once, without raw text', async () => {
    const result = await harness.driver.command('/test-fail', 'ticket 1', { user: USER });
    expect(result.status).toBe(200);
    const post = await harness.fake.waitForCall('response_url');
    expect(post.args.text).toBe(UNKNOWN_ERROR_TEXT);
    expect(JSON.stringify(post.args)).not.toContain(RAW_MESSAGE);
    expect(JSON.stringify(post.args)).not.toMatch(/Error|\bat /);

    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain(`team=${TEAM}`);
    expect(line).toContain(`user=${USER}`);
    expect(line).toContain('listener="command /test-fail ticket"');
    expect(line).toContain('kind=unknown');
    expect(line).toContain('reply=respond');
    expect(line).not.toContain('\n');
    expect(failureLines()).toHaveLength(1);
    expect(harness.fake.callsOf('response_url')).toHaveLength(1);
  });

  it('logs the BMS error kind', async () => {
    await harness.driver.command('/test-bms');
    const post = await harness.fake.waitForCall('response_url');
    expect(post.args.text).toBe('BMS could not find that ticket. Check the number and try again.');
    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain('kind=not_found');
    expect(line).toContain('status=404');
    expect(failureLines()).toHaveLength(1);
  });

  it('sends a DM for a failing global shortcut', async () => {
    await harness.driver.globalShortcut('test_fail_shortcut', { user: USER });
    const message = await harness.fake.waitForCall('chat.postMessage');
    expect(message.result.ok).toBe(true);
    expect(message.args.text).toBe('Your BMS session has expired. Run `/bms login` to sign in again.');
    expect(harness.fake.callsOf('conversations.open')[0]?.args.users).toBe(USER);
    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain('listener="shortcut test_fail_shortcut"');
    expect(line).toContain('kind=token_expired');
    expect(line).toContain('reply=dm');
  });

  it('shows a submission failure in the modal', async () => {
    await harness.driver.globalShortcut('test_open_view');
    await harness.fake.waitForCall('views.open');
    const viewId = String(harness.fake.latestView(USER)?.id);
    const result = await harness.driver.submitView(viewId, { title: 'Printer offline' });
    expect(result.outcome).toBe('errors');
    expect(result.errors).toEqual({ title: UNKNOWN_ERROR_TEXT });
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain('listener="view test_fail_view"');
    expect(line).toContain('reply=modal');
  });

  it('sends a DM when the submission was acked', async () => {
    await harness.driver.globalShortcut('test_open_view_after_ack');
    await harness.fake.waitForCall('views.open');
    const viewId = String(harness.fake.latestView(USER)?.id);
    const result = await harness.driver.submitView(viewId, { title: 'Printer offline' });
    expect(result.outcome).toBe('closed');
    const message = await harness.fake.waitForCall('chat.postMessage');
    expect(message.args.text).toBe(UNKNOWN_ERROR_TEXT);
    expect(await harness.waitForLog(/listener failed/)).toContain('reply=dm');
  });

  it('answers failed options with none', async () => {
    await harness.driver.globalShortcut('test_open_select');
    await harness.fake.waitForCall('views.open');
    const viewId = String(harness.fake.latestView(USER)?.id);
    const result = await harness.driver.options({ viewId, actionId: 'test_options_fail', value: 'con' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ options: [] });
    expect(result.violations).toEqual([]);
    const line = await harness.waitForLog(/listener failed/);
    expect(line).toContain('listener="options test_options_fail"');
    expect(line).toContain('reply=none');
    expect(harness.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});
