import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  mainLocationIdOf,
  QUEUE_IDS,
  RESTRICTED_ACCOUNT_ID,
} from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { LIVE_TOKENS, mrkdwnStrings, responsePost } from '../slack/flow-helpers.ts';
import {
  blockOf,
  bmsRequestCount,
  bmsRequests,
  CREATE_TICKET_ENDPOINT,
  enter,
  FORM,
  openedView,
  pick,
  stateOf,
  submissionBody,
  submitForResult,
  waitForResult,
  warningUnder,
} from '../slack/ticket-form-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Forged, hostile and repeated submissions of the ticket form, and hostile account searches. */

const USER = 'U0JANE';
const CONTOSO = { value: String(CONTOSO_ACCOUNT_IDS.contoso), text: 'Contoso' };

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

async function openForm(title = ''): Promise<{ viewId: string; responseUrl?: string }> {
  const result = await harness.driver.command('/bms', `create ${title}`.trim(), { user: USER });
  expect(result.status).toBe(200);
  return { viewId: await openedView(harness, result.triggerId), responseUrl: result.responseUrl };
}

async function validForm(title: string): Promise<{ viewId: string; responseUrl?: string }> {
  const form = await openForm(title);
  await pick(harness, form.viewId, 'create_ticket_account', CONTOSO);
  enter(harness, form.viewId, 'create_ticket_details', 'Details of the problem.');
  enter(harness, form.viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
  return form;
}

function blockIdOf(viewId: string, actionId: string): string {
  return String(blockOf(harness, viewId, actionId).block_id);
}

/** Lists the action ids of the inputs that show a warning under them. */
function warningsOf(viewId: string): string[] {
  const blocks = (harness.fake.findView(viewId)?.view.blocks as Json[] | undefined) ?? [];
  return blocks.flatMap((block, index) => {
    const next = blocks[index + 1];
    if (block.type !== 'input' || next?.type !== 'context') return [];
    return [String((block.element as Json).action_id)];
  });
}

/** Puts a value in a select that the select does not offer, as a forged payload would. */
function forgeSelect(viewId: string, actionId: string, value: string | null): void {
  const block = blockOf(harness, viewId, actionId);
  const type = String((block.element as Json).type);
  const selected = value === null ? null : { text: { type: 'plain_text', text: 'Forged' }, value };
  harness.fake.setViewValue(viewId, String(block.block_id), actionId, { type, selected_option: selected });
}

function forgeText(viewId: string, actionId: string, value: string): void {
  harness.fake.setViewValue(viewId, blockIdOf(viewId, actionId), actionId, {
    type: 'plain_text_input',
    value,
  });
}

/** Sends the view's current state as a submission, past the required-field check of Slack's client. */
async function sendAsIs(viewId: string): Promise<Json | undefined> {
  const result = await harness.driver.send(submissionBody(harness, viewId), FORM);
  expect(result.status).toBe(200);
  return result.body as Json | undefined;
}

describe('ticket form prefill attacks', () => {
  it('unescapes the title Slack sends', async () => {
    // Slack sends `&`, `<` and `>` in command text as entities, so this is what `Tom & Jerry <b>` arrives as.
    const { viewId } = await openForm('Tom &amp; Jerry &lt;b&gt;');
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Tom & Jerry <b>');
  });

  it('never cuts an emoji in half', async () => {
    const { viewId } = await openForm('😀'.repeat(300));
    const title = String(stateOf(harness, viewId, 'create_ticket_title')?.value);
    expect(title.length).toBeLessThanOrEqual(250);
    expect(title).toMatch(/^(😀)+$/u);
  });
});

describe('ticket form submission attacks', () => {
  it('lists every empty field', async () => {
    const { viewId } = await openForm();
    for (const field of ['create_ticket_title', 'create_ticket_details']) forgeText(viewId, field, '   ');
    for (const field of [
      'create_ticket_account',
      'create_ticket_location',
      'create_ticket_status',
      'create_ticket_priority',
      'create_ticket_type',
      'create_ticket_source',
    ])
      forgeSelect(viewId, field, null);
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const ack = await sendAsIs(viewId);
    expect(ack?.response_action).toBe('errors');
    const errors = ack?.errors as Record<string, string>;
    for (const [field, words] of [
      ['create_ticket_title', 'title is missing'],
      ['create_ticket_details', 'details are missing'],
      ['create_ticket_account', 'account is missing'],
      ['create_ticket_location', 'location is missing'],
      ['create_ticket_status', 'status is missing'],
      ['create_ticket_priority', 'priority is missing'],
      ['create_ticket_type', 'type is missing'],
      ['create_ticket_source', 'source is missing'],
      ['create_ticket_queue', 'queue or an assignee'],
    ] as const) {
      expect(errors[blockIdOf(viewId, field)], field).toContain(words);
    }
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts);
  });

  it('rejects a location of another account', async () => {
    const { viewId } = await validForm('Forged location');
    const foreign = mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd);
    forgeSelect(viewId, 'create_ticket_location', String(foreign));
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    await submitForResult(harness, viewId);
    expect(warningsOf(viewId)).toEqual(['create_ticket_location']);
    expect(warningUnder(harness, viewId, 'create_ticket_location')).toContain('Choose one of its locations');
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Forged location');
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts);
  });

  it('puts a forbidden account on the account', async () => {
    const { viewId } = await validForm('Forged account');
    forgeSelect(viewId, 'create_ticket_account', String(RESTRICTED_ACCOUNT_ID));
    forgeSelect(viewId, 'create_ticket_location', String(mainLocationIdOf(RESTRICTED_ACCOUNT_ID)));
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    await submitForResult(harness, viewId);
    expect(warningsOf(viewId)).toEqual(['create_ticket_account']);
    expect(warningUnder(harness, viewId, 'create_ticket_account')).toContain('Choose another account');
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts);
  });

  it('puts an inactive queue on the queue', async () => {
    const { viewId } = await validForm('Forged queue');
    forgeSelect(viewId, 'create_ticket_queue', String(QUEUE_IDS.archive));
    const api = await harness.runtime.services.sessions.api(harness.identity(USER));

    await submitForResult(harness, viewId);
    expect(warningsOf(viewId)).toEqual(['create_ticket_queue']);
    expect(warningUnder(harness, viewId, 'create_ticket_queue')).toContain('inactive');
    const { items } = await api.searchTickets({ title: 'Forged queue', pageSize: 5, pageNumber: 1 });
    expect(items).toEqual([]);
  });

  it('sends hostile text as typed and shows it escaped', async () => {
    const title = '<!channel> &lt; <@U0ALICE> <https://evil.example|click> & more';
    const details = '<!here> Details &amp; more <b>bold</b>';
    const { viewId, responseUrl } = await validForm('placeholder');
    forgeText(viewId, 'create_ticket_title', title);
    forgeText(viewId, 'create_ticket_details', details);

    await submitForResult(harness, viewId);
    const card = await responsePost(harness, responseUrl);
    for (const text of mrkdwnStrings(card)) {
      for (const token of LIVE_TOKENS) expect(text, token).not.toContain(token);
    }
    expect(JSON.stringify(card)).toContain('&amp;lt;');

    const ticketId = Number(String((card.blocks as Json[])[0]?.block_id).replace('ticket_card_', ''));
    const api = await harness.runtime.services.sessions.api(harness.identity(USER));
    const ticket = await api.getTicket(ticketId);
    expect(ticket.Title).toBe(title);
    expect(ticket.Details).toBe(details);
  });

  it('shows a 3,000-character title within limits', async () => {
    const { viewId, responseUrl } = await validForm('placeholder');
    forgeText(viewId, 'create_ticket_title', 'Printer jam '.repeat(250));

    const mark = harness.fake.calls.length;
    const result = await harness.driver.submitView(viewId);
    if (result.outcome === 'errors') {
      // Rejecting the title is as good as showing it, as long as the user reads why next to it.
      expect(Object.keys(result.errors ?? {})).toEqual([blockIdOf(viewId, 'create_ticket_title')]);
      return;
    }
    expect(result.outcome).toBe('updated');
    const shown = await waitForResult(harness, viewId, mark);
    if (shown.callback_id === 'create_ticket_form') {
      expect(warningsOf(viewId)).toEqual(['create_ticket_title']);
      return;
    }
    const card = await responsePost(harness, responseUrl);
    expect(String((card.blocks as Json[])[0]?.block_id)).toMatch(/^ticket_card_\d+$/);
  });

  it('creates once when submitted twice in a row', async () => {
    const { viewId } = await validForm('Submitted twice in a row');
    const body = submissionBody(harness, viewId);
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const mark = harness.fake.calls.length;
    const first = await harness.driver.send(body, FORM);
    expect((first.body as Json).response_action).toBe('update');
    expect(JSON.stringify(await waitForResult(harness, viewId, mark))).toMatch(/Created .*T\d{8}\.\d{4}/);
    const second = await harness.driver.send(body, FORM);
    expect(JSON.stringify(second.body)).toContain('already created');
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);
  });

  it('creates once when submitted twice at once', async () => {
    const { viewId } = await validForm('Submitted twice at once');
    const body = submissionBody(harness, viewId);
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const mark = harness.fake.calls.length;
    const acks = await Promise.all([harness.driver.send(body, FORM), harness.driver.send(body, FORM)]);
    const duplicates = acks.filter((ack) => /already (being )?created/.test(JSON.stringify(ack.body)));
    expect(duplicates).toHaveLength(1);
    expect(JSON.stringify(await waitForResult(harness, viewId, mark))).toMatch(/Created .*T\d{8}\.\d{4}/);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);
  });
});

describe('account search attacks', () => {
  it.each([
    ['percent', '%', 0],
    ['asterisk', '*', 0],
    ['backslash', '\\', 0],
    ['regex', '.*', 0],
    // BMS searches the first 50 characters as one phrase, which no account name contains.
    ['500 characters', 'contoso '.repeat(63).slice(0, 500), 0],
    ['emoji', '🎉', 0],
    ['empty', '', 100],
    ['parenthesis', '(', 1],
  ])('answers %s within limits', async (_name, query, count) => {
    const { viewId } = await openForm();
    const before = await bmsRequestCount(harness);
    const result = await harness.driver.options(
      { viewId, actionId: 'create_ticket_account', value: query },
      { user: USER },
    );
    expect(result.status).toBe(200);
    expect(result.violations).toEqual([]);
    expect(((result.body as Json).options as Json[]).length).toBe(count);
    // The sandbox's 2,000 accounts make a large tenant: a new query is one name search in BMS.
    expect(await bmsRequestCount(harness)).toBeLessThanOrEqual(before + 1);
  });
});
