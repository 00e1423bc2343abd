import { afterAll, beforeAll, expect } from 'vitest';
import { FIRST_TICKET_ID, FIRST_TICKET_NOTE_IDS, NOTE_TYPE_IDS } from '../../src/sandbox/index.ts';
import { DELETE_ACTIONS } from '../../views/delete-confirmation.ts';
import { NOTE_FORM, NOTE_RETRY_ACTION } from '../../views/ticket-actions-note.ts';
import { NOTES_MODAL } from '../../views/ticket-actions-notes.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import type { DriverResult } from '../fakes/slack-driver.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import type { FaultColumn } from './columns.ts';
import { answerAfter, describeFlowRows, type FlowRow, sentenceOf } from './flow-cells.ts';
import { applyColumn, MATRIX_TICKET_ID, startMatrixHarness, visibleTexts } from './matrix-harness.ts';

/**
 * Rows of the fault matrix: buttons and forms that write, besides the card's own: the Retry of
 * a refused note, the Delete of a confirmation, and the edit form of the card's notes list.
 */

const USER = 'U0BUTTONS';
const CHANNEL = 'C0GENERAL1';
const NOTES = { method: 'POST', path: '/v2/servicedesk/tickets/{ticketId}/notes' };
const NOTE = { method: 'PUT', path: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}' };
const DELETE_NOTE = { method: 'DELETE', path: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}' };
const RETRIED_TEXT = 'Replaced the drum unit, test page fine.';
const EDITED_TEXT = 'Edited: the customer confirmed on the phone.';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Clicks a button of an ephemeral message the user was shown. */
async function clickIn(message: Json, actionId: string): Promise<DriverResult> {
  const click = await harness.driver.blockAction(
    {
      message: {
        channel: CHANNEL,
        ts: '1700000000.000200',
        blocks: message.blocks as unknown[],
        ephemeral: true,
      },
      actionId,
    },
    { user: USER },
  );
  expect(click.status).toBe(200);
  return click;
}

/** Waits for an update of a view after the first `since` updates, and returns the user's top view. */
async function updatedView(since: number): Promise<FakeView> {
  await harness.fake.waitForCall(
    'views.update',
    (call) => harness.fake.callsOf('views.update').indexOf(call) >= since && call.result.ok === true,
  );
  const view = harness.fake.latestView(USER);
  if (!view?.open) throw new Error(`${USER} has no open modal`);
  return view;
}

const ROWS: FlowRow[] = [
  {
    name: 'note Retry',
    target: NOTES,
    isWrite: true,
    // The note BMS refused first, which made the Retry button.
    servedBefore: 1,
    run: async (column) => {
      await harness.bmsFault({ fault: 'success-false', ...NOTES, times: 1 });
      const { reply } = await bms(harness, `notes add ${MATRIX_TICKET_ID} --message "${RETRIED_TEXT}"`, {
        user: USER,
      });
      await applyColumn(harness, column, NOTES);
      const since = harness.fake.calls.length;
      const click = await clickIn(reply, NOTE_RETRY_ACTION);
      const answer = await answerAfter(harness, USER, click.responseUrl, since);
      return { answer: messageText(answer), acks: [answer] };
    },
    expectDone: (answer) =>
      expect(answer).toMatch(new RegExp(`Note \\d+ added to ticket ${MATRIX_TICKET_ID}`)),
    expectFailure: (answer, column) => {
      expect(answer).toContain(`The note was not added to ticket ${MATRIX_TICKET_ID}.`);
      expect(answer).toMatch(sentenceOf(column));
      expect(answer).toContain(RETRIED_TEXT);
      expect(answer).toContain(NOTE_RETRY_ACTION);
    },
  },
  {
    name: 'delete confirmation',
    target: DELETE_NOTE,
    isWrite: true,
    run: async (column) => {
      const { reply } = await bms(harness, `notes delete ${FIRST_TICKET_ID} ${FIRST_TICKET_NOTE_IDS[0]}`, {
        user: USER,
      });
      await applyColumn(harness, column, DELETE_NOTE);
      const since = harness.fake.calls.length;
      const click = await clickIn(reply, DELETE_ACTIONS.confirmNote);
      const answer = await answerAfter(harness, USER, click.responseUrl, since);
      return { answer: messageText(answer), acks: [answer] };
    },
    expectDone: (answer) => expect(answer).toContain(`deleted from ticket ${FIRST_TICKET_ID}`),
  },
  {
    name: 'notes list edit',
    target: NOTE,
    isWrite: true,
    run: (column) => editOwnNote(column),
    expectDone: (answer) => expect(answer).toMatch(/Note \d+ updated\./),
    // The edit form closes on submit: the edited text must come back with the reason.
    expectFailure: (answer, column) => {
      expect(answer).toMatch(sentenceOf(column));
      expect(answer).toContain(EDITED_TEXT);
    },
  },
];

/** Adds a note of the user, opens the card's notes list, edits that note and submits the edit. */
async function editOwnNote(column: FaultColumn): Promise<{ answer: string; acks: unknown[] }> {
  const api = await harness.runtime.services.sessions.api(harness.identity(USER));
  const own = await api.createNote(MATRIX_TICKET_ID, {
    Details: 'First draft',
    IsInternal: true,
    TypeId: NOTE_TYPE_IDS.generalNotes,
    NoteDate: new Date(harness.clock()).toISOString(),
  });
  const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
  let since = harness.fake.callsOf('views.update').length;
  await clickIn(reply, TICKET_CARD_ACTIONS.viewNotes);
  const notes = await updatedView(since);

  since = harness.fake.callsOf('views.update').length;
  await harness.driver.blockAction(
    { viewId: notes.id, actionId: NOTES_MODAL.edit, blockId: `note_actions_${own.Id}` },
    { user: USER },
  );
  const edit = await updatedView(since);
  expect(edit.view.callback_id).toBe(NOTE_FORM.editCallbackId);
  await applyColumn(harness, column, NOTE);

  const calls = harness.fake.calls.length;
  since = harness.fake.callsOf('views.update').length;
  const submitted = await harness.driver.submitView(edit.id, {
    [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: EDITED_TEXT,
  });
  // The reply is the notes list with its status line, or a message by DM.
  const answer = await Promise.any([
    updatedView(since).then((view) => visibleTexts(view.view.blocks).join(' ')),
    answerAfter(harness, USER, undefined, calls).then((message) => messageText(message)),
  ]);
  return { answer, acks: [submitted.body] };
}

describeFlowRows('button', ROWS, () => ({ harness, user: USER }));
