import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_TICKET_ID,
  FIRST_TICKET_NUMBER,
  MISSING_TICKET_ID,
  NOTE_TYPE_IDS,
  SAMPLE_TICKET_ID,
  STATUS_IDS,
} from '../../src/sandbox/index.ts';
import { buildTicketCard } from '../../views/ticket-card.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import {
  blockOf,
  bmsRequests,
  CREATE_NOTE_ENDPOINT,
  elementOf,
  enter,
  noticeOf,
  openedView,
  stateOf,
  submitForResult,
  warningUnder,
} from './ticket-form-helpers.ts';

const USER = 'U0JANE';
const CHANNEL = 'C0SUPPORT1';
const TICKET_URL = 'https://bms.example.test/tickets/{id}';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { ticketUrl: TICKET_URL } });
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

/** Posts a ticket card in the channel as the app does when a card is shared, and returns its ts. */
async function postCard(ticketId: number): Promise<string> {
  const card = buildTicketCard(await (await api()).getTicket(ticketId), { shareable: false });
  const posted = await harness.slack.app.client.chat.postMessage({ channel: CHANNEL, ...card });
  return String(posted.ts);
}

async function noteShortcut(message: { ts: string; text: string; threadTs?: string }): Promise<string> {
  const result = await harness.driver.messageShortcut(
    'add_note_from_message',
    { user: 'U0BOB', ...message },
    { user: USER, channel: CHANNEL },
  );
  expect(result.status).toBe(200);
  return openedView(harness, result.triggerId);
}

function selected(viewId: string, actionId: string): string | undefined {
  return ((stateOf(harness, viewId, actionId)?.selected_option as Json | null) ?? undefined)?.value as
    | string
    | undefined;
}

describe('note from message', () => {
  it('finds the ticket of a card thread', async () => {
    const cardTs = await postCard(FIRST_TICKET_ID);
    const replyTs = `${Math.floor(harness.clock() / 1000) - 600}.000500`;
    const viewId = await noteShortcut({
      ts: replyTs,
      threadTs: cardTs,
      text: 'Customer *confirmed* the fix',
    });

    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBe(`#${FIRST_TICKET_ID}`);
    expect(JSON.stringify(blockOf(harness, viewId, 'add_note_ticket').hint)).toContain(FIRST_TICKET_NUMBER);
    expect(String(stateOf(harness, viewId, 'add_note_text')?.value)).toMatch(
      /^Customer confirmed the fix\n\nPosted/,
    );
    expect(selected(viewId, 'add_note_visibility')).toBe('internal');
    expect(selected(viewId, 'add_note_type')).toBe(String(NOTE_TYPE_IDS.generalNotes));
    expect(stateOf(harness, viewId, 'add_note_date')?.selected_date_time).toBe(Number(replyTs.split('.')[0]));
    const notesBefore = (await (await api()).listNotes(FIRST_TICKET_ID)).length;

    const result = await submitForResult(harness, viewId);
    expect(JSON.stringify(result.blocks)).toContain('Added as a note to');
    const notes = await (await api()).listNotes(FIRST_TICKET_ID);
    expect(notes).toHaveLength(notesBefore + 1);
    const note = notes.find((candidate) => candidate.Details?.startsWith('Customer confirmed the fix'));
    expect(note?.IsInternal).toBe(true);
    expect(Date.parse(String(note?.CreatedOn))).toBe(Number(replyTs.split('.')[0]) * 1000);

    const reply = await harness.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.thread_ts === cardTs && String(call.args.text).startsWith('Added as a note'),
    );
    // The card gave the ticket's id, so the note went to it without a read of the ticket: the reply links the id.
    expect(String(reply.args.text)).toContain(
      `Added as a note to <https://bms.example.test/tickets/${FIRST_TICKET_ID}|#${FIRST_TICKET_ID}>`,
    );

    // The thread is tied now: the next note finds the ticket without reading the parent again.
    const readsBefore = harness.fake.callsOf('conversations.replies').length;
    const next = await noteShortcut({
      ts: `${Number(replyTs.split('.')[0]) + 60}.000600`,
      threadTs: cardTs,
      text: 'More',
    });
    expect(stateOf(harness, next, 'add_note_ticket')?.value).toBe(`#${FIRST_TICKET_ID}`);
    expect(harness.fake.callsOf('conversations.replies')).toHaveLength(readsBefore);
    await harness.driver.closeView(next);
  });

  it('finds a ticket number in the text', async () => {
    const viewId = await noteShortcut({
      ts: '1714560000.000100',
      text: `Update for ${FIRST_TICKET_NUMBER}: paper refilled`,
    });
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBe(FIRST_TICKET_NUMBER);
    await harness.driver.closeView(viewId);

    const byId = await noteShortcut({ ts: '1714560001.000100', text: `see #${SAMPLE_TICKET_ID} please` });
    expect(stateOf(harness, byId, 'add_note_ticket')?.value).toBe(`#${SAMPLE_TICKET_ID}`);

    enter(harness, byId, 'add_note_visibility', 'public');
    enter(harness, byId, 'add_note_status', String(STATUS_IDS.waitingOnCustomer));
    const result = await submitForResult(harness, byId);
    expect(JSON.stringify(result.blocks)).toContain('Added as a note to');
    const ticket = await (await api()).getTicket(SAMPLE_TICKET_ID);
    expect(ticket.StatusId).toBe(STATUS_IDS.waitingOnCustomer);
    const notes = await (await api()).listNotes(SAMPLE_TICKET_ID);
    expect(notes.find((note) => note.Details?.startsWith(`see #${SAMPLE_TICKET_ID}`))?.IsInternal).toBe(
      false,
    );
  });

  it('rejects an unknown ticket on its field', async () => {
    const viewId = await noteShortcut({ ts: '1714560100.000100', text: 'No ticket named here' });
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBeFalsy();
    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);

    const result = await submitForResult(harness, viewId, { add_note_ticket: String(MISSING_TICKET_ID) });
    expect(result.callback_id).toBe('add_note_form');
    expect(warningUnder(harness, viewId, 'add_note_ticket')).toContain('could not find');
    expect(warningUnder(harness, viewId, 'add_note_text')).toBeUndefined();
    expect(noticeOf(harness, viewId)).toContain('The note was not added');
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBe(String(MISSING_TICKET_ID));
    expect(stateOf(harness, viewId, 'add_note_text')?.value).toContain('No ticket named here');
    // A ticket typed by id is not read first: BMS refuses the one POST to a ticket it does not have.
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);

    // A malformed reference needs no BMS call: Slack shows the error next to the field at once.
    const malformed = await harness.driver.submitView(viewId, { add_note_ticket: 'printer' });
    expect(malformed.outcome).toBe('errors');
    expect(malformed.errors?.add_note_ticket).toContain('is not a ticket id or number');
  });

  it('keeps the text when BMS refuses', async () => {
    const viewId = await noteShortcut({
      ts: '1714560200.000100',
      text: `Refused note for ${FIRST_TICKET_NUMBER}`,
    });
    enter(harness, viewId, 'add_note_text', 'Edited by hand before sending');
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/notes',
      times: 1,
    });

    const posts = await bmsRequests(harness, CREATE_NOTE_ENDPOINT);
    await submitForResult(harness, viewId);
    expect(noticeOf(harness, viewId)).toContain('injected sandbox fault');
    expect(stateOf(harness, viewId, 'add_note_text')?.value).toBe('Edited by hand before sending');
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value).toBe(FIRST_TICKET_NUMBER);
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 1);

    await harness.bmsFault({
      fault: 'http500',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/notes',
      times: 1,
    });
    await submitForResult(harness, viewId);
    expect(noticeOf(harness, viewId)).toContain('may have been added');
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    expect(stateOf(harness, viewId, 'add_note_text')?.value).toBe('Edited by hand before sending');
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 2);

    const sent = await submitForResult(harness, viewId);
    expect(JSON.stringify(sent.blocks)).toContain('Added as a note to');
    expect(await bmsRequests(harness, CREATE_NOTE_ENDPOINT)).toBe(posts + 3);
    const notes = await (await api()).listNotes(FIRST_TICKET_ID);
    expect(notes.filter((note) => note.Details === 'Edited by hand before sending')).toHaveLength(1);
  });

  it('sends the text back when the form was closed', async () => {
    const viewId = await noteShortcut({
      ts: '1714560250.000100',
      text: `Closed form for ${FIRST_TICKET_NUMBER}`,
    });
    enter(harness, viewId, 'add_note_text', 'Typed & kept <b>');
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/notes',
      times: 1,
    });
    // Slack returns not_found when the user closed the view before the result arrived.
    harness.fake.setResponse('views.update', (call) =>
      call.args.view_id === viewId ? { body: { ok: false, error: 'not_found' } } : undefined,
    );
    const mark = harness.fake.calls.length;
    try {
      const submitted = await harness.driver.submitView(viewId);
      expect(submitted.outcome).toBe('updated');
      // The shortcut's response URL reaches the user where the form was started.
      const reply = await harness.fake.waitForCall(
        'response_url',
        (call) => harness.fake.calls.indexOf(call) >= mark,
      );
      expect(reply.result.ok).toBe(true);
      const text = String(reply.args.text);
      expect(text).toContain('The note was not added');
      expect(text).toContain('injected sandbox fault');
      expect(text).toContain('Typed &amp; kept &lt;b&gt;');
    } finally {
      harness.fake.setResponse('views.update', undefined);
    }
    expect(await harness.waitForLog(/view was closed/)).toBeTruthy();
  });

  it('stays within Slack limits', async () => {
    const viewId = await noteShortcut({ ts: '1714560300.000100', text: 'x'.repeat(4000) });
    expect(String(elementOf(harness, viewId, 'add_note_text').initial_value).length).toBeLessThanOrEqual(
      3000,
    );
    expect(String(harness.fake.findView(viewId)?.view.private_metadata).length).toBeLessThanOrEqual(3000);
  });
});
