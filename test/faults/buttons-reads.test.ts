import { afterAll, beforeAll, expect } from 'vitest';
import { TICKET_VIEW_ACTION } from '../../views/ticket-actions.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import type { DriverResult } from '../fakes/slack-driver.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import { enter, openedView, stateOf } from '../slack/ticket-form-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { ALL_COLUMNS, type FaultColumn } from './columns.ts';
import { answerAfter, describeFlowRows, type FlowRow, sentenceOf } from './flow-cells.ts';
import { applyColumn, startMatrixHarness, visibleTexts } from './matrix-harness.ts';

/**
 * Rows of the fault matrix: buttons and events that read: a list's View and Next buttons, the
 * Home tab, and the ticket form's account choice, which loads that account's locations.
 */

const USER = 'U0READBTN';
const CHANNEL = 'C0GENERAL1';
const SEARCH = { method: 'POST', path: '/v2/servicedesk/tickets/search' };
const TICKET = { method: 'GET', path: '/v2/servicedesk/tickets/{ticketId}' };
const LOCATIONS = { method: 'GET', path: '/v2/crm/accounts/{accountId}/locations/lookup' };
const FORM_TITLE = 'Typed before the account';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Clicks a button of an ephemeral message the user was shown, by action id and optionally block id. */
async function clickIn(message: Json, actionId: string, blockId?: string): Promise<DriverResult> {
  const click = await harness.driver.blockAction(
    {
      message: {
        channel: CHANNEL,
        ts: '1700000000.000300',
        blocks: message.blocks as unknown[],
        ephemeral: true,
      },
      actionId,
      blockId,
    },
    { user: USER },
  );
  expect(click.status).toBe(200);
  return click;
}

/** Clicks a button of a message and returns the first reply after the click. */
async function answerOfClick(message: Json, actionId: string, blockId?: string): Promise<Json> {
  const since = harness.fake.calls.length;
  const click = await clickIn(message, actionId, blockId);
  return answerAfter(harness, USER, click.responseUrl, since);
}

/** Returns an account per column whose locations no cell has loaded: ids from 150 up. */
function uncachedAccount(column: FaultColumn): number {
  return 150 + ALL_COLUMNS.indexOf(column);
}

/** Waits for the next update of a view and returns it. */
async function nextUpdate(viewId: string, since: number): Promise<FakeView> {
  await harness.fake.waitForCall(
    'views.update',
    (call) => call.args.view_id === viewId && harness.fake.callsOf('views.update').indexOf(call) >= since,
  );
  const view = harness.fake.findView(viewId);
  if (!view) throw new Error(`view ${viewId} is gone`);
  return view;
}

const ROWS: FlowRow[] = [
  {
    name: 'list View',
    target: TICKET,
    isWrite: false,
    run: async (column) => {
      const { reply } = await bms(harness, 'tickets list', { user: USER });
      await applyColumn(harness, column, TICKET);
      const firstRow = (reply.blocks as Json[]).find((block) =>
        String(block.block_id).startsWith('ticket_row_'),
      );
      const answer = await answerOfClick(reply, TICKET_VIEW_ACTION, String(firstRow?.block_id));
      return { answer: messageText(answer), acks: [answer] };
    },
    expectDone: (answer) => expect(answer).toMatch(/ticket_card_\d+/),
  },
  {
    name: 'list Next',
    target: SEARCH,
    isWrite: false,
    // The first page, shown before the fault.
    servedBefore: 1,
    run: async (column) => {
      const { reply } = await bms(harness, 'tickets list', { user: USER });
      await applyColumn(harness, column, SEARCH);
      const answer = await answerOfClick(reply, 'bms_command_page_next');
      return { answer: messageText(answer), acks: [answer] };
    },
    expectDone: (answer) => expect(answer).toMatch(/page 2 of/),
  },
  {
    name: 'Home tab',
    target: SEARCH,
    isWrite: false,
    run: async (column) => {
      await applyColumn(harness, column, SEARCH);
      const published = harness.fake.callsOf('views.publish').length;
      const result = await harness.driver.event({
        type: 'app_home_opened',
        user: USER,
        channel: `D${USER.slice(1)}`,
        tab: 'home',
      });
      expect(result.status).toBe(200);
      const call = await harness.fake.waitForCall(
        'views.publish',
        (candidate) => harness.fake.callsOf('views.publish').indexOf(candidate) >= published,
      );
      return { answer: visibleTexts(call.args.view).join(' '), acks: [] };
    },
    expectDone: (answer) => expect(answer).not.toContain('could not be loaded'),
    expectFailure: (answer, column) => {
      expect(answer).toContain('Your open tickets could not be loaded.');
      expect(answer).toMatch(sentenceOf(column));
    },
  },
  {
    name: 'form account choice',
    target: LOCATIONS,
    isWrite: false,
    run: async (column) => {
      const result = await harness.driver.command('/bms', 'create', { user: USER });
      const viewId = await openedView(harness, result.triggerId);
      enter(harness, viewId, 'create_ticket_title', FORM_TITLE);
      await applyColumn(harness, column, LOCATIONS);
      const since = harness.fake.callsOf('views.update').length;
      const account = uncachedAccount(column);
      await harness.driver.blockAction(
        {
          viewId,
          actionId: 'create_ticket_account',
          value: { value: String(account), text: `Account ${account}` },
        },
        { user: USER },
      );
      const view = await nextUpdate(viewId, since);
      // What the user typed before choosing the account stays in the form.
      expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe(FORM_TITLE);
      return { answer: visibleTexts(view.view.blocks).join(' '), acks: [] };
    },
    expectDone: (answer) => expect(answer).toContain('Location'),
  },
];

describeFlowRows('button', ROWS, () => ({ harness, user: USER }));
