import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_FORM } from '../../views/ticket-actions-note.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { FakeSlackCall } from '../fakes/slack-api.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import { enter, openedView, stateOf, submitForResult } from '../slack/ticket-form-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { expectReadable } from './columns.ts';
import { MATRIX_TICKET_ID, startMatrixHarness } from './matrix-harness.ts';

/**
 * Bad input through the real receiver, where the grammar's own tables (test/grammar, run through
 * Slack by test/commands) do not reach: odd ticket references on the command and in the note
 * form, empty and 3,000-character notes in the forms. Each refusal names the problem, reaches
 * no BMS write, and leaves the form open with what was typed.
 */

const USER = 'U0BADINPUT';
const CHANNEL = 'C0BADINPUT';
const LONG_NOTE = `${'Long note. '.repeat(272)}End`.slice(0, 3000);
const WRITES = [
  'POST /v2/servicedesk/tickets',
  'POST /v2/servicedesk/tickets/{ticketId}/notes',
  'PATCH /v2/servicedesk/tickets/{ticketId}',
];

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
  await harness.loginAs(USER);
  harness.fake.addChannel({ id: CHANNEL, name: 'bad-input' });
});
afterAll(async () => {
  await harness?.close();
});

async function writesServed(): Promise<number> {
  const stats = await harness.bmsStats();
  return WRITES.reduce((sum, endpoint) => sum + (stats[endpoint] ?? 0), 0);
}

async function notesWith(text: string): Promise<number> {
  const api = await harness.runtime.services.sessions.api(harness.identity(USER));
  return (await api.listNotes(MATRIX_TICKET_ID)).filter((note) => note.Details === text).length;
}

describe('/bms ticket references', () => {
  /** Reference, expected reply, and whether the reference is good enough to ask BMS. */
  const REFERENCES: Array<[string, RegExp, boolean]> = [
    ['“10011”', /ticket_card_10011/, true],
    ['#10011', /ticket_card_10011/, true],
    ['T20240101.1', /was not found/, true],
    ['0', /not a ticket id|positive/, false],
    ['#-5', /not a ticket id|positive|negative/, false],
    ['12.5', /not a ticket id/, false],
    ['1e3', /not a ticket id/, false],
    ['T2024', /not a ticket id/, false],
    ['"10011', /never closed/, false],
  ];

  it.each(REFERENCES)('reads %s', async (reference, expected, asksBms) => {
    const before = await harness.bmsStats();
    const { reply } = await bms(harness, `ticket ${reference}`, { user: USER });
    expect(messageText(reply)).toMatch(expected);
    expectReadable(String(reply.text), `ticket ${reference}`);
    if (!asksBms) expect(await harness.bmsStats()).toEqual(before);
  });
});

describe('/bms note text', () => {
  it('adds a 3,000-character note whole', async () => {
    const { reply } = await bms(harness, `notes add ${MATRIX_TICKET_ID} --message "${LONG_NOTE}"`, {
      user: USER,
    });
    expect(messageText(reply)).toContain(`added to ticket ${MATRIX_TICKET_ID}`);
    expect(await notesWith(LONG_NOTE)).toBe(1);
  });

  it.each([
    ['note 10011 ""', /note text is empty/],
    [`notes add 10011 --message "   "`, /message is empty/],
  ])('refuses %s', async (line, expected) => {
    const writes = await writesServed();
    const { reply } = await bms(harness, line, { user: USER });
    expect(messageText(reply)).toMatch(expected);
    expect(await writesServed()).toBe(writes);
  });
});

/** Opens the note form of the message shortcut on a message of its own. */
async function noteForm(text: string, ts: string): Promise<string> {
  const shortcut = await harness.driver.messageShortcut(
    'add_note_from_message',
    { ts, user: 'U0BOB', text },
    { user: USER, channel: CHANNEL },
  );
  return openedView(harness, shortcut.triggerId);
}

describe('note shortcut form', () => {
  it.each([
    ['abc', /is not a ticket id or number/],
    ['-5', /not a ticket id|positive|negative/],
    ['0', /not a ticket id|positive/],
    ['99999999999', /too large/],
    ['“10011', /is not a ticket id or number|quote/],
    ['T2024.01', /is not a ticket id or number/],
  ])('refuses the ticket %s', async (reference, expected) => {
    const viewId = await noteForm('Nothing names a ticket here', `${1714000000 + reference.length}.000100`);
    const writes = await writesServed();
    const result = await harness.driver.submitView(viewId, {
      add_note_ticket: reference,
      add_note_text: 'Kept as typed',
    });
    expect(result.outcome).toBe('errors');
    expect(result.errors?.add_note_ticket).toMatch(expected);
    expectReadable(String(result.errors?.add_note_ticket), `note ticket ${reference}`);
    expect(stateOf(harness, viewId, 'add_note_text')?.value).toBe('Kept as typed');
    expect(await writesServed()).toBe(writes);
    await harness.driver.closeView(viewId);
  });

  it('refuses a blank note', async () => {
    const viewId = await noteForm(`For #${MATRIX_TICKET_ID}`, '1714100000.000100');
    const writes = await writesServed();
    const result = await harness.driver.submitView(viewId, { add_note_text: '  \n\t ' });
    expect(result.outcome).toBe('errors');
    expect(result.errors?.add_note_text).toContain('The note is empty');
    expect(await writesServed()).toBe(writes);
    await harness.driver.closeView(viewId);
  });

  it('adds a 3,000-character note whole', async () => {
    const viewId = await noteForm(`For #${MATRIX_TICKET_ID}`, '1714100001.000100');
    enter(harness, viewId, 'add_note_text', LONG_NOTE);
    const result = await submitForResult(harness, viewId);
    expect(JSON.stringify(result.blocks)).toContain('Added as a note to');
    expect(await notesWith(LONG_NOTE)).toBe(2);
  });
});

describe('card note form', () => {
  async function openCardNoteForm(): Promise<string> {
    const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
    const updates = harness.fake.callsOf('views.update').length;
    await harness.driver.blockAction(
      {
        message: {
          channel: CHANNEL,
          ts: '1700000000.000100',
          blocks: reply.blocks as unknown[],
          ephemeral: true,
        },
        actionId: TICKET_CARD_ACTIONS.addNote,
      },
      { user: USER },
    );
    await harness.fake.waitForCall(
      'views.update',
      (call) => harness.fake.callsOf('views.update').indexOf(call) >= updates && call.result.ok === true,
    );
    const view = harness.fake.latestView(USER);
    expect(view?.view.callback_id).toBe(NOTE_FORM.addCallbackId);
    return String(view?.id);
  }

  it('refuses a blank note', async () => {
    const viewId = await openCardNoteForm();
    const writes = await writesServed();
    const result = await harness.driver.submitView(viewId, {
      [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: '   \n ',
    });
    expect(result.outcome).toBe('errors');
    expect(String(result.errors?.[NOTE_FORM.text])).toContain('The note is empty');
    expect(await writesServed()).toBe(writes);
    await harness.driver.closeView(viewId);
  });

  it('adds a 3,000-character note whole', async () => {
    const viewId = await openCardNoteForm();
    const mark = harness.fake.calls.length;
    const result = await harness.driver.submitView(viewId, {
      [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: LONG_NOTE,
    });
    expect(result.outcome).toBe('closed');
    const isNew = (call: FakeSlackCall) => harness.fake.calls.indexOf(call) >= mark;
    await harness.fake.waitForCall(
      'response_url',
      (call) => isNew(call) && /Note \d+ added by/.test(JSON.stringify(call.args)),
    );
    expect(await notesWith(LONG_NOTE)).toBe(3);
  });
});
