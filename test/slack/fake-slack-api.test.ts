import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { toBoltLogger } from '../../src/slack/bolt-logger.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.ts';

const clock = createManualClock();
let fake: FakeSlackApi;
let client: webApi.WebClient;

/** Keeps the WebClient's own warnings about the refused calls out of the test output. */
const quiet = { logger: toBoltLogger(createMemoryLogger(), 'error'), retryConfig: { retries: 0 } };

const USER = 'U0TESTER01';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const titleInput = (blockId = 'title', actionId = 'title') => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: 'Title' },
  element: { type: 'plain_text_input', action_id: actionId },
});
const modal = (blocks: unknown[] = [titleInput()]) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'Create ticket' },
  submit: { type: 'plain_text' as const, text: 'Create' },
  blocks,
});

/** Returns the Slack error code of a rejected call. */
async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return String((error as { data?: { error?: string } }).data?.error);
  }
  return 'no error';
}

/** Returns the `view` of a views.* result, which `apiCall` types loosely. */
function viewOf(result: webApi.WebAPICallResult): { id?: string; hash?: string } {
  return (result as { view?: { id?: string; hash?: string } }).view ?? {};
}

async function openModal(blocks?: unknown[]): Promise<string> {
  const opened = await client.apiCall('views.open', {
    trigger_id: fake.issueTriggerId(USER),
    view: modal(blocks),
  });
  return String(viewOf(opened).id);
}

beforeAll(async () => {
  fake = await startFakeSlackApi({ clock });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url, ...quiet });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('fake Slack Web API', () => {
  it('url ends with /api/', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('auth.test names the bot', async () => {
    const result = await client.auth.test();
    expect(result.user_id).toBe(fake.workspace.botUserId);
    expect(fake.callsOf('auth.test')).toHaveLength(1);
  });

  it('rejects unknown methods', async () => {
    expect(await slackError(client.apiCall('chat.postMesage', { channel: 'C1', text: 'x' }))).toBe(
      'unknown_method',
    );
  });

  it('rejects a missing or wrong token', async () => {
    const anonymous = new webApi.WebClient(undefined, { slackApiUrl: fake.url, ...quiet });
    const wrong = new webApi.WebClient('xoxb-wrong', { slackApiUrl: fake.url, ...quiet });
    expect(await slackError(anonymous.auth.test())).toBe('not_authed');
    expect(await slackError(wrong.auth.test())).toBe('invalid_auth');
  });

  it('never records the token', async () => {
    await client.auth.test({ token: fake.botToken });
    expect(JSON.stringify(fake.calls)).not.toContain(fake.botToken);
  });

  it('rejects missing required arguments', async () => {
    expect(await slackError(client.apiCall('users.info', {}))).toBe('invalid_arguments');
  });

  it('rejects a message without text or blocks', async () => {
    fake.addChannel({ id: 'C0GENERAL1' });
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: '' }))).toBe('no_text');
  });

  it('rejects posting where the bot is not a member', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0OTHER001', text: 'hi' }))).toBe(
      'not_in_channel',
    );
    fake.addChannel({ id: 'G0PRIVATE1', botIsMember: false });
    expect(await slackError(client.chat.postMessage({ channel: 'G0PRIVATE1', text: 'hi' }))).toBe(
      'not_in_channel',
    );
    expect(await slackError(client.chat.postMessage({ channel: 'G0UNKNOWN1', text: 'hi' }))).toBe(
      'channel_not_found',
    );
  });

  it('posts to a member channel and a DM', async () => {
    fake.addChannel({ id: 'C0GENERAL1' });
    const posted = await client.chat.postMessage({
      channel: 'C0GENERAL1',
      text: 'hi',
      blocks: [section('hi')],
    });
    const dm = await client.conversations.open({ users: USER });
    await client.chat.postMessage({ channel: String(dm.channel?.id), text: 'private' });
    expect(fake.messages('C0GENERAL1').map((message) => message.ts)).toEqual([posted.ts]);
    expect(fake.messages(String(dm.channel?.id))[0]?.text).toBe('private');
  });

  it('rejects invalid blocks with pointers', async () => {
    fake.addChannel({ id: 'C0GENERAL1' });
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x', blocks }))).toBe(
      'invalid_blocks',
    );
    expect(fake.callsOf('chat.postMessage')[0]?.result.errors).toEqual([
      'no more than 50 items allowed [json-pointer:/blocks]',
    ]);
  });

  it('rejects text over 40000', async () => {
    fake.addChannel({ id: 'C0GENERAL1' });
    const text = 'x'.repeat(40_001);
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL1', text }))).toBe('msg_too_long');
  });

  it('updates and deletes only its own messages', async () => {
    fake.addChannel({ id: 'C0GENERAL1' });
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'v1' });
    await client.chat.update({ channel: 'C0GENERAL1', ts: String(posted.ts), text: 'v2' });
    expect(fake.messages('C0GENERAL1')[0]?.text).toBe('v2');
    await client.chat.delete({ channel: 'C0GENERAL1', ts: String(posted.ts) });
    expect(
      await slackError(client.chat.update({ channel: 'C0GENERAL1', ts: String(posted.ts), text: 'v3' })),
    ).toBe('message_not_found');
  });

  it('names any user deterministically', async () => {
    const first = await client.users.info({ user: 'U0ABC12345' });
    const second = await client.users.info({ user: 'U0ABC12345' });
    expect(first.user?.real_name).toBe('User U0ABC12345');
    expect(second.user?.name).toBe(first.user?.name);
    fake.setUser({ id: 'U0JANE0001', realName: 'Jane Doe' });
    expect((await client.users.info({ user: 'U0JANE0001' })).user?.real_name).toBe('Jane Doe');
    expect(await slackError(client.users.info({ user: 'C0NOTAUSER' }))).toBe('user_not_found');
  });

  it('rejects calls outside the granted scopes', async () => {
    const narrow = await startFakeSlackApi({ scopes: ['commands'] });
    try {
      const narrowClient = new webApi.WebClient(narrow.botToken, {
        slackApiUrl: narrow.url,
        retryConfig: { retries: 0 },
      });
      expect(await slackError(narrowClient.conversations.open({ users: USER }))).toBe('missing_scope');
      expect(narrow.callsOf('conversations.open')[0]?.result.needed).toBe('im:write');
    } finally {
      await narrow.close();
    }
  });

  it('accepts JSON bodies', async () => {
    const response = await fetch(`${fake.url}users.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'U0ABC12345' }),
    });
    expect(await response.json()).toMatchObject({ ok: true, user: { id: 'U0ABC12345' } });
  });

  it('returns an override once set', async () => {
    fake.setResponse('chat.postMessage', () => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    }));
    const impatient = new webApi.WebClient(fake.botToken, {
      slackApiUrl: fake.url,
      rejectRateLimitedCalls: true,
    });
    const error = await impatient.chat
      .postMessage({ channel: 'C1', text: 'x' })
      .catch((caught: unknown) => caught);
    expect((error as { retryAfter?: number }).retryAfter).toBe(7);
  });
});

describe('fake Slack trigger ids', () => {
  it('opens a modal with a fresh trigger', async () => {
    const viewId = await openModal();
    expect(fake.latestView(USER)?.id).toBe(viewId);
    expect(fake.openViews(USER)).toHaveLength(1);
  });

  it('rejects an unknown trigger', async () => {
    expect(await slackError(client.apiCall('views.open', { trigger_id: '1.2.3', view: modal() }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('rejects a trigger after 3 seconds', async () => {
    const triggerId = fake.issueTriggerId(USER);
    clock.advance(3000);
    expect(await slackError(client.apiCall('views.open', { trigger_id: triggerId, view: modal() }))).toBe(
      'expired_trigger_id',
    );
  });

  it('accepts a trigger just under 3 seconds', async () => {
    const triggerId = fake.issueTriggerId(USER);
    clock.advance(2999);
    const opened = await client.apiCall('views.open', { trigger_id: triggerId, view: modal() });
    expect(opened.ok).toBe(true);
  });

  it('rejects a used trigger', async () => {
    const triggerId = fake.issueTriggerId(USER);
    await client.apiCall('views.open', { trigger_id: triggerId, view: modal() });
    expect(await slackError(client.apiCall('views.open', { trigger_id: triggerId, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );
  });

  it('rejects a view submission trigger for views.open', async () => {
    const triggerId = fake.issueTriggerId(USER, 'view_submission');
    expect(await slackError(client.apiCall('views.open', { trigger_id: triggerId, view: modal() }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('rejects an invalid modal', async () => {
    const view = { ...modal(), title: { type: 'plain_text', text: 'Create BMS ticket from message' } };
    expect(
      await slackError(client.apiCall('views.open', { trigger_id: fake.issueTriggerId(USER), view: view })),
    ).toBe('invalid_blocks');
  });

  it('pushes at most 3 views', async () => {
    await openModal();
    const push = () => client.apiCall('views.push', { trigger_id: fake.issueTriggerId(USER), view: modal() });
    await push();
    await push();
    expect(await slackError(push())).toBe('push_limit_reached');
    expect(fake.openViews(USER)).toHaveLength(3);
  });
});

describe('fake Slack views.update', () => {
  it('changes the hash on each update', async () => {
    const viewId = await openModal();
    const before = fake.findView(viewId)?.hash;
    const updated = await client.apiCall('views.update', { view_id: viewId, hash: before, view: modal() });
    expect(viewOf(updated).hash).not.toBe(before);
  });

  it('rejects a stale hash', async () => {
    const viewId = await openModal();
    const stale = fake.findView(viewId)?.hash;
    await client.apiCall('views.update', { view_id: viewId, hash: stale, view: modal() });
    expect(
      await slackError(client.apiCall('views.update', { view_id: viewId, hash: stale, view: modal() })),
    ).toBe('hash_conflict');
  });

  it('rejects unknown and closed views', async () => {
    expect(await slackError(client.apiCall('views.update', { view_id: 'V404', view: modal() }))).toBe(
      'not_found',
    );
    const viewId = await openModal();
    fake.closeView(viewId);
    expect(await slackError(client.apiCall('views.update', { view_id: viewId, view: modal() }))).toBe(
      'not_found',
    );
  });

  it('keeps input state while ids stay', async () => {
    const viewId = await openModal();
    fake.setViewValue(viewId, 'title', 'title', { type: 'plain_text_input', value: 'Printer offline' });
    await client.apiCall('views.update', { view_id: viewId, view: modal([titleInput(), section('more')]) });
    expect(fake.findView(viewId)?.state.values.title?.title?.value).toBe('Printer offline');
  });

  it('resets an input whose block id changes', async () => {
    const viewId = await openModal();
    fake.setViewValue(viewId, 'title', 'title', { type: 'plain_text_input', value: 'Printer offline' });
    await client.apiCall('views.update', { view_id: viewId, view: modal([titleInput('title-2')]) });
    expect(fake.findView(viewId)?.state.values['title-2']?.title?.value).toBeNull();
    expect(fake.findView(viewId)?.state.values.title).toBeUndefined();
  });

  it('publishes a home tab per user', async () => {
    await client.apiCall('views.publish', {
      user_id: USER,
      view: { type: 'home', blocks: [section('home')] },
    });
    expect(fake.homeView(USER)?.view.blocks).toMatchObject([section('home')]);
  });
});

describe('fake Slack response URLs', () => {
  it('accepts 5 posts, then rejects', async () => {
    const url = fake.issueResponseUrl({ channelId: 'C0GENERAL1', userId: USER });
    const post = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await post()).status).toBe(200);
    const sixth = await post();
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responsePosts(url).filter((entry) => entry.accepted)).toHaveLength(5);
  });

  it('expires after 30 minutes', async () => {
    const url = fake.issueResponseUrl({ channelId: 'C0GENERAL1', userId: USER });
    clock.advance(30 * 60 * 1000 + 1);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    });
    expect(response.status).toBe(404);
  });

  it('rejects invalid blocks', async () => {
    const url = fake.issueResponseUrl({ channelId: 'C0GENERAL1', userId: USER });
    const body = JSON.stringify({ text: 'x', blocks: [section('x'.repeat(3001))] });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(fake.callsOf('response_url')[0]?.result.error).toBe('invalid_blocks');
  });

  it('waitForCall resolves on a later call', async () => {
    const url = fake.issueResponseUrl({ channelId: 'C0GENERAL1', userId: USER });
    const waiting = fake.waitForCall('response_url', (call) => call.args.text === 'later');
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"later"}',
    });
    expect((await waiting).args.response_url_id).toBe(url.split('/').at(-1));
  });
});
