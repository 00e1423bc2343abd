import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  QUEUE_IDS,
  RESTRICTED_TICKET_ID,
} from '../../src/sandbox/index.ts';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.ts';
import type { Json } from '../fakes/slack-api.ts';
import {
  bmsRequests,
  CREATE_NOTE_ENDPOINT,
  CREATE_TICKET_ENDPOINT,
  enter,
  FORM,
  noticeOf,
  openedView,
  pick,
  stateOf,
  submissionBody,
  submitForResult,
  waitForResult,
  warningUnder,
} from '../slack/ticket-form-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Results of the ticket and note forms that arrive after the ack: refusals, faults, closed views. */

const USER = 'U0JANE';
const CHANNEL = 'C0SUPPORT1';
const CONTOSO = { value: String(CONTOSO_ACCOUNT_IDS.contoso), text: 'Contoso' };
const NOTES_PATH = '/v2/servicedesk/tickets/{ticketId}/notes';

let harness: AppHarness;
let messageTs = 1714570000;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(USER);
  harness.fake.addChannel({ id: CHANNEL, name: 'support' });
  harness.fake.setUser({ id: 'U0BOB', displayName: 'Bob' });
});
afterAll(async () => {
  await harness?.close();
});

async function api() {
  return harness.runtime.services.sessions.api(harness.identity(USER));
}

async function noteForm(text: string): Promise<string> {
  messageTs += 1;
  const result = await harness.driver.messageShortcut(
    'add_note_from_message',
    { user: 'U0BOB', ts: `${messageTs}.000100`, text },
    { user: USER, channel: CHANNEL },
  );
  expect(result.status).toBe(200);
  return openedView(harness, result.triggerId);
}

async function ticketForm(title: string): Promise<string> {
  const result = await harness.driver.command('/bms', `create ${title}`, { user: USER });
  expect(result.status).toBe(200);
  const viewId = await openedView(harness, result.triggerId);
  await pick(harness, viewId, 'create_ticket_account', CONTOSO);
  enter(harness, viewId, 'create_ticket_details', 'Details of the problem.');
  enter(harness, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
  return viewId;
}

/** Makes Slack return `not_found` for every update of the view, as it does once the user closed it. */
async function withViewClosed<T>(viewId: string, run: () => Promise<T>): Promise<T> {
  harness.fake.setResponse('views.update', (call) =>
    call.args.view_id === viewId ? { body: { ok: false, error: 'not_found' } } : undefined,
  );
  try {
    return await run();
  } finally {
    harness.fake.setResponse('views.update', undefined);
  }
}

/** Submits the form and returns the text of the first response URL post after it. */
async function submitAndReadReply(viewId: string): Promise<string> {
  const mark = harness.fake.calls.length;
  const submitted = await harness.driver.submitView(viewId);
  expect(submitted.outcome).toBe('updated');
  const reply = await harness.fake.waitForCall(
    'response_url',
    (call) => harness.fake.calls.indexOf(call) >= mark,
    15_000,
  );
  expect(reply.result.ok, String(reply.result.error)).toBe(true);
  return String(reply.args.text);
}

describe('note to a ticket id', () => {
  it.each([
    ['restricted', RESTRICTED_TICKET_ID, 'not allowed to see or change that ticket'],
    ['largest id', 2_147_483_647, 'could not find that ticket'],
  ])('puts a %s ticket under the field', async (_name, ticketId, words) => {
    const viewId = await noteForm('A note for a ticket I may not have');
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);

    const result = await submitForResult(harness, viewId, { add_note_ticket: String(ticketId) });
    expect(result.callback_id).toBe('add_note_form');
    expect(warningUnder(harness, viewId, 'add_note_ticket')?.toLowerCase()).toContain(words);
    expect(stateOf(harness, viewId, 'add_note_text')?.value).toContain('A note for a ticket I may not have');
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);
  });

  it('puts a deleted ticket under the field', async () => {
    const ticketId = FIRST_TICKET_ID + 40;
    await (await api()).deleteTicket(ticketId);
    const viewId = await noteForm('A note for a deleted ticket');
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);

    await submitForResult(harness, viewId, { add_note_ticket: `#${ticketId}` });
    expect(warningUnder(harness, viewId, 'add_note_ticket')).toContain('could not find that ticket');
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBe(`#${ticketId}`);
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);
  });

  it.each([
    ['zero', '0'],
    ['negative', '-5'],
    ['over 2^31', '2147483648'],
  ])('rejects %s in the ack', async (_name, typed) => {
    const viewId = await noteForm('A note');
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);
    const result = await harness.driver.submitView(viewId, { add_note_ticket: typed });
    expect(result.outcome).toBe('errors');
    expect(result.errors?.add_note_ticket).toContain(typed);
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts);
  });

  it('adds once when submitted twice at once', async () => {
    const viewId = await noteForm('Submitted twice at once');
    enter(harness, viewId, 'add_note_ticket', String(FIRST_TICKET_ID));
    const body = submissionBody(harness, viewId);
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);

    const mark = harness.fake.calls.length;
    const acks = await Promise.all([harness.driver.send(body, FORM), harness.driver.send(body, FORM)]);
    expect(acks.map((ack) => (ack.body as Json).response_action)).toEqual(['update', 'update']);
    expect(JSON.stringify(await waitForResult(harness, viewId, mark))).toContain('Added as a note to');
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);
  });
});

describe('closed form', () => {
  it('gives back a whole note of special characters', async () => {
    const viewId = await noteForm('placeholder');
    const note = `${'Tom & Jerry <b> '.repeat(187)}end`;
    expect(note.length).toBeLessThanOrEqual(3000);
    enter(harness, viewId, 'add_note_text', note);
    enter(harness, viewId, 'add_note_ticket', String(FIRST_TICKET_ID));
    await harness.bmsFault({ fault: 'success-false', method: 'POST', path: NOTES_PATH, times: 1 });

    const text = await withViewClosed(viewId, () => submitAndReadReply(viewId));
    expect(text).toContain('The note was not added');
    expect(text).toContain(escapeMrkdwn(note));
  });

  it('gives back the whole details of a ticket', async () => {
    const viewId = await ticketForm('Closed ticket form');
    const details = `${'The printer on floor 2 jams. '.repeat(100)}end`.slice(-3000);
    enter(harness, viewId, 'create_ticket_details', details);
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets',
      times: 1,
    });
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const text = await withViewClosed(viewId, () => submitAndReadReply(viewId));
    expect(text).toContain('The ticket was not created');
    expect(text).toContain('Closed ticket form');
    expect(text).toContain(escapeMrkdwn(details));
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);
  });
});

describe('refused form', () => {
  it('takes a corrected note after a refusal', async () => {
    const viewId = await noteForm('Corrected after a refusal');
    await submitForResult(harness, viewId, { add_note_ticket: String(RESTRICTED_TICKET_ID) });
    expect(noticeOf(harness, viewId)).toContain('The note was not added');
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);

    const result = await submitForResult(harness, viewId, { add_note_ticket: String(FIRST_TICKET_ID) });
    expect(JSON.stringify(result.blocks)).toContain('Added as a note to');
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);
  });
});
