import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ACCOUNT_IDS, QUEUE_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { mrkdwnStrings, responsePost } from './flow-helpers.ts';
import { elementOf, enter, openedView, pick, stateOf, submitForResult } from './ticket-form-helpers.ts';

const USER = 'U0JANE';
const CHANNEL = 'C0SUPPORT1';
const TICKET_URL = 'https://bms.example.test/tickets/{id}';
const MESSAGE_TS = '1714557720.000100';
const PERMALINK = `https://fake-workspace.slack.test/archives/${CHANNEL}/p1714557720000100`;

/** A message as Slack sends it: entities escaped, mentions and links as tokens, mrkdwn markers. */
const HOSTILE_TEXT = [
  'Printer *on fire* &amp; &lt;b&gt;smoking&lt;/b&gt; near <@U0ALICE> <!channel>',
  'See <https://status.example.com/incident|the status page> and <#C0OPS00001|ops>.',
].join('\n');

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { ticketUrl: TICKET_URL } });
  await harness.loginAs(USER);
  harness.fake.addChannel({ id: CHANNEL, name: 'support' });
  harness.fake.setUser({ id: 'U0ALICE', displayName: 'Alice' });
  harness.fake.setUser({ id: 'U0BOB', displayName: '', realName: 'Bob Builder' });
});
afterAll(async () => {
  await harness?.close();
});

async function shortcutOn(
  message: { ts: string; text: string; threadTs?: string; files?: unknown[] },
  channel = CHANNEL,
): Promise<{ viewId: string; responseUrl?: string }> {
  const result = await harness.driver.messageShortcut(
    'create_ticket_from_message',
    { user: 'U0BOB', ...message },
    { user: USER, channel },
  );
  expect(result.status).toBe(200);
  return { viewId: await openedView(harness, result.triggerId), responseUrl: result.responseUrl };
}

async function completeAndSubmit(viewId: string) {
  await pick(harness, viewId, 'create_ticket_account', {
    value: String(CONTOSO_ACCOUNT_IDS.contoso),
    text: 'Contoso',
  });
  enter(harness, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
  const shown = await submitForResult(harness, viewId);
  return JSON.stringify(shown.blocks);
}

const CREATED = /Created .*T\d{8}\.\d{4}/;

describe('ticket from message', () => {
  it('prefills the form as plain text', async () => {
    const files = [
      { name: 'photo.jpg', permalink: 'https://fake-workspace.slack.test/files/F0PHOTO1/photo.jpg' },
    ];
    const { viewId } = await shortcutOn({ ts: MESSAGE_TS, text: HOSTILE_TEXT, files });

    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe(
      'Printer on fire & <b>smoking</b> near @Alice @channel',
    );
    const details = String(stateOf(harness, viewId, 'create_ticket_details')?.value);
    expect(details).toContain('See the status page (https://status.example.com/incident) and #ops.');
    expect(details).toContain(
      'Files:\n- photo.jpg: https://fake-workspace.slack.test/files/F0PHOTO1/photo.jpg',
    );
    expect(details).toContain(
      `Posted in Slack by @Bob Builder in #channel-c0support1 on 2024-05-01 10:02 UTC: ${PERMALINK}`,
    );
    expect(details).not.toMatch(/<[@#!h]|&amp;|&lt;|\*on fire\*/);
  });

  it('creates the ticket and replies in the thread', async () => {
    const { viewId, responseUrl } = await shortcutOn({ ts: MESSAGE_TS, text: HOSTILE_TEXT });
    expect(await completeAndSubmit(viewId)).toMatch(CREATED);

    const card = await responsePost(harness, responseUrl);
    const ticketId = Number(String((card.blocks as Json[])[0]?.block_id).replace('ticket_card_', ''));
    const api = await harness.runtime.services.sessions.api(harness.identity(USER));
    const ticket = await api.getTicket(ticketId);
    expect(ticket.Title).toBe('Printer on fire & <b>smoking</b> near @Alice @channel');
    expect(ticket.Details).toContain('@channel');
    expect(ticket.Details).not.toContain('<!channel>');

    const reply = await harness.fake.waitForCall('chat.postMessage', (call) => call.args.channel === CHANNEL);
    expect(reply.result.ok).toBe(true);
    expect(reply.args.thread_ts).toBe(MESSAGE_TS);
    for (const text of mrkdwnStrings(reply.args)) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<b>');
    }
    const text = String(reply.args.text);
    expect(text).toContain(`<https://bms.example.test/tickets/${ticketId}|${ticket.TicketNumber}>`);
    expect(text).toContain('&amp; &lt;b&gt;smoking&lt;/b&gt;');
  });

  it('replies under the parent of a thread reply', async () => {
    const replyTs = '1714557790.000200';
    const { viewId } = await shortcutOn({ ts: replyTs, threadTs: MESSAGE_TS, text: 'Also the scanner' });
    expect(await completeAndSubmit(viewId)).toMatch(CREATED);
    const reply = await harness.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CHANNEL && String(call.args.text).includes('Also the scanner'),
    );
    expect(reply.args.thread_ts).toBe(MESSAGE_TS);
  });

  it('tells the user when the bot is not in the channel', async () => {
    const outside = 'C0NOBOT001';
    const { viewId, responseUrl } = await shortcutOn(
      { ts: '1714557800.000300', text: 'Outside ticket' },
      outside,
    );
    expect(await completeAndSubmit(viewId)).toMatch(CREATED);
    const card = await responsePost(harness, responseUrl);
    expect(JSON.stringify(card.blocks)).toContain('not a member of that channel');
    const refused = harness.fake.callsOf('chat.postMessage').filter((call) => call.args.channel === outside);
    expect(refused.map((call) => call.result.error)).toEqual(['not_in_channel']);
  });

  it('fits a long message into the details', async () => {
    const long = `${'word '.repeat(900)}end`;
    const { viewId } = await shortcutOn({ ts: '1714557900.000400', text: long });
    const element = elementOf(harness, viewId, 'create_ticket_details');
    const details = String(element.initial_value);
    expect(details.length).toBeLessThanOrEqual(3000);
    expect(details).toContain(PERMALINK.replace('p1714557720000100', 'p1714557900000400'));
    expect(String(stateOf(harness, viewId, 'create_ticket_title')?.value).length).toBeLessThanOrEqual(100);
  });
});
