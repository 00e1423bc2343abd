import { afterAll, beforeAll, expect } from 'vitest';
import { SANDBOX_USERS, STATUS_IDS } from '../../src/sandbox/index.ts';
import { ASSIGN_MODAL } from '../../views/ticket-actions-assign.ts';
import { NOTE_FORM, NOTE_RETRY_ACTION } from '../../views/ticket-actions-note.ts';
import { STATUS_MODAL } from '../../views/ticket-actions-status.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { FakeView } from '../fakes/slack-api.ts';
import type { DriverResult } from '../fakes/slack-driver.ts';
import { bms, messageText, responsePost } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import type { FaultColumn } from './columns.ts';
import { answerAfter, describeFlowRows, type FlowRow, sentenceOf } from './flow-cells.ts';
import {
  applyColumn,
  type FaultTarget,
  MATRIX_TICKET_ID,
  startMatrixHarness,
  visibleTexts,
} from './matrix-harness.ts';

/**
 * Rows of the fault matrix: the ticket card's buttons and the forms they open, each faulted on
 * the BMS call it exists for. Replies replace or follow the card through the click's response URL.
 */

const USER = 'U0CARDS';
const CHANNEL = 'C0GENERAL1';
const TICKET_PATH = '/v2/servicedesk/tickets/{ticketId}';
const NOTE_TEXT = 'Swapped the toner; prints are clean again.';
const ASSIGN_TEXT = 'Over to the desk: needs a new fuser unit.';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Shows the card with `/bms ticket` and clicks one of its buttons. */
async function clickOnCard(actionId: string): Promise<DriverResult> {
  const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
  const click = await harness.driver.blockAction(
    {
      message: {
        channel: CHANNEL,
        ts: '1700000000.000100',
        blocks: reply.blocks as unknown[],
        ephemeral: true,
      },
      actionId,
    },
    { user: USER },
  );
  expect(click.status).toBe(200);
  return click;
}

/** Waits for the form a button opened to be filled (or to show why it could not be) and returns it. */
async function filledForm(since: number): Promise<FakeView> {
  await harness.fake.waitForCall(
    'views.update',
    (call) => harness.fake.callsOf('views.update').indexOf(call) >= since && call.result.ok === true,
  );
  const view = harness.fake.latestView(USER);
  if (!view?.open) throw new Error(`${USER} has no open modal`);
  return view;
}

function viewText(view: FakeView | undefined): string {
  return visibleTexts(view?.view.blocks).join(' ');
}

/** Opens a card form, waits for it to fill, applies the column, then submits `values`. */
async function submitCardForm(
  actionId: string,
  column: FaultColumn,
  target: FaultTarget,
  values: Record<string, string>,
): Promise<{ answer: string; acks: unknown[] }> {
  const updates = harness.fake.callsOf('views.update').length;
  const click = await clickOnCard(actionId);
  const form = await filledForm(updates);
  await applyColumn(harness, column, target);
  const since = harness.fake.calls.length;
  const submitted = await harness.driver.submitView(form.id, values);
  const answer = await answerAfter(harness, USER, click.responseUrl, since);
  return { answer: messageText(answer), acks: [submitted.body, answer] };
}

const ROWS: FlowRow[] = [
  {
    name: 'refresh',
    target: { method: 'GET', path: TICKET_PATH },
    isWrite: false,
    servedBefore: 1,
    run: async (column) => {
      const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
      await applyColumn(harness, column, { method: 'GET', path: TICKET_PATH });
      const click = await harness.driver.blockAction(
        {
          message: {
            channel: CHANNEL,
            ts: '1700000000.000100',
            blocks: reply.blocks as unknown[],
            ephemeral: true,
          },
          actionId: TICKET_CARD_ACTIONS.refresh,
        },
        { user: USER },
      );
      const answer = await responsePost(harness, click.responseUrl);
      return { answer: messageText(answer), acks: [answer] };
    },
    expectDone: (answer) => expect(answer).toContain('Refreshed from BMS by Jane Doe.'),
  },
  {
    name: 'change status',
    target: { method: 'PATCH', path: TICKET_PATH },
    isWrite: true,
    run: (column) =>
      submitCardForm(
        TICKET_CARD_ACTIONS.changeStatus,
        column,
        { method: 'PATCH', path: TICKET_PATH },
        {
          [STATUS_MODAL.action]: String(STATUS_IDS.waitingOnCustomer),
        },
      ),
    expectDone: (answer) => expect(answer).toContain('Status changed to Waiting on Customer by Jane Doe.'),
  },
  {
    name: 'assign',
    target: { method: 'POST', path: `${TICKET_PATH}/assignticket` },
    isWrite: true,
    run: (column) =>
      submitCardForm(
        TICKET_CARD_ACTIONS.assign,
        column,
        { method: 'POST', path: `${TICKET_PATH}/assignticket` },
        {
          [`${ASSIGN_MODAL.assignee}/${ASSIGN_MODAL.action}`]: String(SANDBOX_USERS.jane.userId),
          [`${ASSIGN_MODAL.details}/${ASSIGN_MODAL.action}`]: ASSIGN_TEXT,
          [`${ASSIGN_MODAL.status}/${ASSIGN_MODAL.action}`]: String(STATUS_IDS.inProgress),
        },
      ),
    expectDone: (answer) => expect(answer).toContain('Assigned to Jane Doe'),
    // The note that records the assignment is typed text: it must come back with the reason.
    expectFailure: (answer, column) => {
      expect(answer).toMatch(sentenceOf(column));
      expect(answer).toContain(ASSIGN_TEXT);
    },
  },
  {
    name: 'add note',
    target: { method: 'POST', path: `${TICKET_PATH}/notes` },
    isWrite: true,
    run: (column) =>
      submitCardForm(
        TICKET_CARD_ACTIONS.addNote,
        column,
        { method: 'POST', path: `${TICKET_PATH}/notes` },
        { [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: NOTE_TEXT },
      ),
    expectDone: (answer) => expect(answer).toMatch(/Note \d+ added by Jane Doe\./),
    expectFailure: (answer, column) => {
      expect(answer).toContain(`The note was not added to ticket ${MATRIX_TICKET_ID}.`);
      expect(answer).toMatch(sentenceOf(column));
      expect(answer).toContain(NOTE_TEXT);
      expect(answer).toContain(NOTE_RETRY_ACTION);
    },
  },
  {
    name: 'view notes',
    target: { method: 'GET', path: `${TICKET_PATH}/notes` },
    isWrite: false,
    run: async (column) => {
      await applyColumn(harness, column, { method: 'GET', path: `${TICKET_PATH}/notes` });
      const since = harness.fake.callsOf('views.update').length;
      await clickOnCard(TICKET_CARD_ACTIONS.viewNotes);
      const view = await filledForm(since);
      return { answer: viewText(view), acks: [] };
    },
    expectDone: (answer) => expect(answer).toMatch(/notes?, newest first/),
  },
  {
    name: 'open a form',
    target: { method: 'GET', path: TICKET_PATH },
    isWrite: false,
    servedBefore: 1,
    run: async (column) => {
      const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
      await applyColumn(harness, column, { method: 'GET', path: TICKET_PATH });
      const since = harness.fake.callsOf('views.update').length;
      await harness.driver.blockAction(
        {
          message: {
            channel: CHANNEL,
            ts: '1700000000.000100',
            blocks: reply.blocks as unknown[],
            ephemeral: true,
          },
          actionId: TICKET_CARD_ACTIONS.assign,
        },
        { user: USER },
      );
      const view = await filledForm(since);
      return { answer: viewText(view), acks: [] };
    },
    expectDone: (answer) => expect(answer).toContain('Assign'),
  },
];

describeFlowRows('card', ROWS, () => ({ harness, user: USER }));
