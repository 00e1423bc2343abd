import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_USERS } from '../../src/sandbox/index.ts';
import { HomeActions } from '../../src/slack/ids.ts';
import { HOME_ACTIONS, HOME_TICKETS_MAX } from '../../views/home.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import { TICKET_VIEW_ACTION } from '../../views/ticket-actions.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import { buttonActionIds, directMessages } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { servedDuring, textOf } from './helpers.ts';

/** The Home tab for a user who never logged in and for one who did, and its buttons. */

const JANE = 'U0JANE';
const ACCOUNT_LOOKUP = 'GET /v2/crm/accounts/lookup';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(() => {
  harness.sandbox.reset();
  harness.fake.reset();
});

/** Opens the Home tab as `user` and returns the view Slack shows after the next publish. */
async function openHome(user: string): Promise<FakeView> {
  const published = harness.fake.callsOf('views.publish').length;
  const result = await harness.driver.event({
    type: 'app_home_opened',
    user,
    channel: `D${user.slice(1)}`,
    tab: 'home',
  });
  expect(result.status).toBe(200);
  return homeAfter(user, published);
}

async function homeAfter(user: string, published: number): Promise<FakeView> {
  const call = await harness.fake.waitForCall(
    'views.publish',
    (candidate) =>
      harness.fake.callsOf('views.publish').indexOf(candidate) >= published &&
      candidate.args.user_id === user,
  );
  expect(call.result.ok, String(call.result.error)).toBe(true);
  const view = harness.fake.homeView(user);
  if (!view) throw new Error(`no Home tab for ${user}`);
  return view;
}

function allButtons(view: FakeView): string[] {
  const accessories = (view.view.blocks as Json[])
    .map((block) => block.accessory as Json | undefined)
    .filter((accessory): accessory is Json => accessory?.type === 'button')
    .map((accessory) => String(accessory.action_id));
  return [...buttonActionIds(view.view.blocks), ...accessories];
}

describe('home tab', () => {
  it('renders for a user who never logged in', async () => {
    let view: FakeView | undefined;
    const served = await servedDuring(harness, async () => {
      view = await openHome('U0NEVER01');
    });
    expect(served).toEqual({});
    const home = view as FakeView;
    expect(textOf({ blocks: home.view.blocks })).toContain('You are not logged in to BMS.');
    expect(allButtons(home)).toEqual(expect.arrayContaining([LOGIN_PROMPT_ACTION, HomeActions.createTicket]));
    expect(allButtons(home)).not.toContain(HOME_ACTIONS.logout);
  });

  it('lists the open tickets of a logged-in user', async () => {
    await harness.loginAs(JANE);
    const home = await openHome(JANE);
    const blocks = home.view.blocks as Json[];
    const text = textOf({ blocks });
    expect(text).toContain('Logged in to BMS as *Jane Doe*');
    expect(text).toContain('My open tickets');
    expect(text).toContain('No accounts are cached for you yet');
    expect(blocks.length).toBeLessThan(100);
    expect(allButtons(home)).toEqual(
      expect.arrayContaining([
        HOME_ACTIONS.logout,
        HomeActions.createTicket,
        HOME_ACTIONS.refreshCache,
        TICKET_VIEW_ACTION,
      ]),
    );

    const rows = blocks.filter((block) => String(block.block_id).startsWith('ticket_row_'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(HOME_TICKETS_MAX);
    const api = await harness.runtime.services.sessions.api(harness.identity(JANE));
    const dueDates: number[] = [];
    for (const row of rows) {
      const ticket = await api.getTicket(Number(String(row.block_id).replace('ticket_row_', '')));
      expect(ticket.AssigneeId).toBe(SANDBOX_USERS.jane.userId);
      expect(['Completed', 'Closed']).not.toContain(ticket.StatusName);
      dueDates.push(ticket.DueDate ? Date.parse(ticket.DueDate) : Number.POSITIVE_INFINITY);
    }
    expect(dueDates).toEqual([...dueDates].sort((left, right) => left - right));
  });

  it('refreshes the cache', async () => {
    await harness.loginAs(JANE);
    const home = await openHome(JANE);
    const published = harness.fake.callsOf('views.publish').length;
    let refreshed: FakeView | undefined;
    const served = await servedDuring(harness, async () => {
      await harness.driver.blockAction(
        { viewId: home.id, actionId: HOME_ACTIONS.refreshCache },
        { user: JANE },
      );
      refreshed = await homeAfter(JANE, published);
    });
    expect(served[ACCOUNT_LOOKUP]).toBeGreaterThan(0);
    expect(textOf({ blocks: refreshed?.view.blocks })).toContain('Accounts and lookup lists cached');
  });

  it('logs out', async () => {
    await harness.loginAs(JANE);
    const home = await openHome(JANE);
    const published = harness.fake.callsOf('views.publish').length;
    await harness.driver.blockAction({ viewId: home.id, actionId: HOME_ACTIONS.logout }, { user: JANE });
    const after = await homeAfter(JANE, published);
    expect(textOf({ blocks: after.view.blocks })).toContain('You are not logged in to BMS.');
    expect(await harness.runtime.services.sessions.status(harness.identity(JANE))).toBeUndefined();
  });

  it('sends a viewed ticket by DM', async () => {
    await harness.loginAs(JANE);
    const home = await openHome(JANE);
    const row = (home.view.blocks as Json[]).find((block) =>
      String(block.block_id).startsWith('ticket_row_'),
    );
    const ticketId = String(row?.block_id).replace('ticket_row_', '');
    await harness.driver.blockAction(
      { viewId: home.id, actionId: TICKET_VIEW_ACTION, blockId: String(row?.block_id) },
      { user: JANE },
    );
    await harness.fake.waitForCall('chat.postMessage', (call) => call.result.ok === true);
    const [dm] = directMessages(harness, JANE);
    const blocks = dm?.args.blocks as Json[];
    expect(blocks[0]?.block_id).toBe(`ticket_card_${ticketId}`);
  });
});
