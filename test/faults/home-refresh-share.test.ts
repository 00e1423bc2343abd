import { afterAll, beforeAll, expect } from 'vitest';
import { HOME_ACTIONS } from '../../views/home.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { Json } from '../fakes/slack-api.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { answerAfter, describeFlowRows, type FlowRow, sentenceOf } from './flow-cells.ts';
import { applyColumn, MATRIX_TICKET_ID, startMatrixHarness, visibleTexts } from './matrix-harness.ts';

/**
 * Rows of the fault matrix: the Home tab's Refresh button, which reloads the user's cached lists,
 * and the ticket card's "Share in channel" button, which reads the ticket again before it posts.
 */

const USER = 'U0HOMESHR';
const CHANNEL = 'C0GENERAL1';
const ACCOUNTS = { method: 'GET', path: '/v2/crm/accounts/lookup' };
const TICKET = { method: 'GET', path: '/v2/servicedesk/tickets/{ticketId}' };

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Publishes the user's Home tab as opening it does, and returns the text published next. */
async function publishedAfter(action: () => Promise<unknown>): Promise<string> {
  const published = harness.fake.callsOf('views.publish').length;
  await action();
  const call = await harness.fake.waitForCall(
    'views.publish',
    (candidate) => harness.fake.callsOf('views.publish').indexOf(candidate) >= published,
  );
  return visibleTexts(call.args.view).join(' ');
}

function openHome(): Promise<string> {
  return publishedAfter(() =>
    harness.driver.event({ type: 'app_home_opened', user: USER, channel: `D${USER.slice(1)}`, tab: 'home' }),
  );
}

const ROWS: FlowRow[] = [
  {
    name: 'Home Refresh',
    target: ACCOUNTS,
    isWrite: false,
    run: async (column) => {
      await openHome();
      const home = harness.fake.homeView(USER);
      if (!home) throw new Error(`no Home tab for ${USER}`);
      await applyColumn(harness, column, ACCOUNTS);
      const answer = await publishedAfter(() =>
        harness.driver.blockAction({ viewId: home.id, actionId: HOME_ACTIONS.refreshCache }, { user: USER }),
      );
      return { answer, acks: [] };
    },
    expectDone: (answer) => expect(answer).not.toContain('could not be refreshed'),
    expectFailure: (answer, column) => {
      expect(answer).toContain('Your lists could not be refreshed;');
      expect(answer).toMatch(sentenceOf(column));
    },
  },
  {
    name: 'Share in channel',
    target: TICKET,
    isWrite: false,
    // The command reads the ticket once to show the card, before the fault.
    servedBefore: 1,
    run: async (column) => {
      const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user: USER });
      await applyColumn(harness, column, TICKET);
      const since = harness.fake.calls.length;
      const click = await harness.driver.blockAction(
        {
          message: {
            channel: CHANNEL,
            ts: '1700000000.000400',
            blocks: (reply as Json).blocks as unknown[],
            ephemeral: true,
          },
          actionId: TICKET_CARD_ACTIONS.share,
        },
        { user: USER },
      );
      expect(click.status).toBe(200);
      const answer = await answerAfter(harness, USER, click.responseUrl, since);
      return { answer: `${String(answer.response_type)} ${messageText(answer)}`, acks: [answer] };
    },
    expectDone: (answer) => {
      expect(answer).toMatch(/^in_channel /);
      expect(answer).toContain(`ticket_card_${MATRIX_TICKET_ID}`);
    },
    expectFailure: (answer, column) => {
      expect(answer).not.toMatch(/^in_channel /);
      expect(answer).toMatch(sentenceOf(column));
    },
  },
];

describeFlowRows('home and share', ROWS, () => ({ harness, user: USER }));
