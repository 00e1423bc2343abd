import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_TICKET_ID,
  FIRST_TICKET_NUMBER,
  HOSTILE_TICKET_IDS,
  HOSTILE_TITLES,
  MISSING_TICKET_ID,
  RESTRICTED_TICKET_ID,
  SAMPLE_TICKET_ID,
} from '../../src/sandbox/index.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import {
  bms,
  buttonActionIds,
  LIVE_TOKENS,
  messageText,
  mrkdwnStrings,
  responsePost,
} from './flow-helpers.ts';

const TICKET_URL = 'https://bms.example.test/tickets/{id}?n={number}';
let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { ticketUrl: TICKET_URL } });
  await harness.loginAs('U0JANE');
});
afterAll(async () => {
  await harness?.close();
});

function headerOf(reply: Json): string {
  const header = (reply.blocks as Json[]).find((block) => block.type === 'header');
  return String((header?.text as Json | undefined)?.text);
}

describe('/bms ticket', () => {
  it('shows an existing ticket', async () => {
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`);
    expect(reply.response_type).toBe('ephemeral');
    expect((reply.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);
    expect(buttonActionIds(reply.blocks)).toContain(TICKET_CARD_ACTIONS.share);
    expect(messageText(reply)).toContain(`https://bms.example.test/tickets/${SAMPLE_TICKET_ID}?n=T`);
  });

  it('shows the action buttons on the card', async () => {
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`);
    const buttons = buttonActionIds(reply.blocks);
    for (const action of [
      TICKET_CARD_ACTIONS.addNote,
      TICKET_CARD_ACTIONS.changeStatus,
      TICKET_CARD_ACTIONS.assign,
      TICKET_CARD_ACTIONS.viewNotes,
      TICKET_CARD_ACTIONS.refresh,
    ]) {
      expect(buttons, action).toContain(action);
    }
  });

  it('accepts #id and tickets get', async () => {
    const short = await bms(harness, `ticket #${SAMPLE_TICKET_ID}`);
    const long = await bms(harness, `tickets get ${SAMPLE_TICKET_ID}`);
    expect(headerOf(short.reply)).toBe(headerOf(long.reply));
    expect((long.reply.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);
  });

  it('finds a ticket by number', async () => {
    const { reply } = await bms(harness, `ticket ${FIRST_TICKET_NUMBER.toLowerCase()}`);
    expect((reply.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${FIRST_TICKET_ID}`);
    expect(headerOf(reply)).toContain(FIRST_TICKET_NUMBER);
  });

  it('reports a missing ticket', async () => {
    const { reply } = await bms(harness, `ticket ${MISSING_TICKET_ID}`);
    expect(reply.text).toBe(`Ticket ${MISSING_TICKET_ID} was not found in BMS, or it was deleted.`);
    expect(reply.blocks).toBeUndefined();
  });

  it('reports a missing ticket number', async () => {
    const { reply } = await bms(harness, 'ticket T19990101.0001');
    expect(reply.text).toBe('Ticket T19990101.0001 was not found in BMS, or it was deleted.');
  });

  it('reports a restricted ticket', async () => {
    const { reply } = await bms(harness, `ticket ${RESTRICTED_TICKET_ID}`);
    expect(reply.text).toContain(`may not see ticket ${RESTRICTED_TICKET_ID}`);
    expect(reply.text).not.toContain('was not found');
  });

  it.each([
    ['abc', '"abc" is not a ticket id or number'],
    ['-1', '"-1" is not a ticket id: ids are positive whole numbers'],
    ['99999999999', '"99999999999" is too large to be a ticket id'],
  ])('rejects the malformed id %s', async (id, sentence) => {
    const before = await harness.bmsStats();
    const { reply } = await bms(harness, `ticket ${id}`);
    expect(String(reply.text)).toContain(sentence);
    expect(await harness.bmsStats()).toEqual(before);
  });

  it('escapes hostile tickets', async () => {
    for (const [name, ticketId] of Object.entries(HOSTILE_TICKET_IDS)) {
      const { reply } = await bms(harness, `ticket ${ticketId}`);
      for (const text of mrkdwnStrings(reply)) {
        for (const token of LIVE_TOKENS) expect(text, `${name}: ${token}`).not.toContain(token);
      }
      // Headers are plain_text, which Slack shows literally and never parses for mentions.
      const header = (reply.blocks as Json[]).find((block) => block.type === 'header');
      expect((header?.text as Json | undefined)?.type).toBe('plain_text');
    }
    const { reply } = await bms(harness, `ticket ${HOSTILE_TICKET_IDS.channelMention}`);
    expect(headerOf(reply)).toContain(HOSTILE_TITLES.channelMention.slice(0, 10));
    expect(reply.text).toContain('&lt;!channel&gt;');
  });

  it('shares a card in the channel', async () => {
    const { result, reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { channel: 'C0SHARE001' });
    const shared = await harness.driver.blockAction(
      {
        message: {
          channel: 'C0SHARE001',
          ts: '1700000000.000100',
          blocks: reply.blocks as unknown[],
          ephemeral: true,
        },
        actionId: TICKET_CARD_ACTIONS.share,
      },
      { user: 'U0JANE' },
    );
    expect(shared.status).toBe(200);
    expect(shared.responseUrl).not.toBe(result.responseUrl);
    const post = await responsePost(harness, shared.responseUrl);
    expect(post.response_type).toBe('in_channel');
    expect((post.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);
    expect(buttonActionIds(post.blocks)).not.toContain(TICKET_CARD_ACTIONS.share);
    expect(buttonActionIds(post.blocks)).toContain(TICKET_CARD_ACTIONS.addNote);
  });

  it('offers a login to a new user', async () => {
    const before = await harness.bmsStats();
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user: 'U0NEWBIE' });
    expect(reply.response_type).toBe('ephemeral');
    expect(messageText(reply)).toContain('You are not logged in to BMS');
    expect(buttonActionIds(reply.blocks)).toEqual([LOGIN_PROMPT_ACTION]);
    expect(await harness.bmsStats()).toEqual(before);
  });
});
