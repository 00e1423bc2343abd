import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  mainLocationIdOf,
  PRIORITY_IDS,
  QUEUE_IDS,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import { checkView, describeViolations } from '../fakes/block-kit-rules.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { responsePost } from './flow-helpers.ts';
import {
  blockOf,
  bmsRequestCount,
  bmsRequests,
  CREATE_TICKET_ENDPOINT,
  elementOf,
  enter,
  FORM,
  noticeOf,
  openedView,
  optionValues,
  pick,
  stateOf,
  submissionBody,
  submitForResult,
  viewUpdates,
} from './ticket-form-helpers.ts';

const USER = 'U0JANE';
const TICKET_URL = 'https://bms.example.test/tickets/{id}';
const CONTOSO = { value: String(CONTOSO_ACCOUNT_IDS.contoso), text: 'Contoso' };
const CONTOSO_LTD = { value: String(CONTOSO_ACCOUNT_IDS.contosoLtd), text: 'Contoso Ltd' };

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { ticketUrl: TICKET_URL } });
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

async function openForm(text = ''): Promise<{ viewId: string; responseUrl?: string }> {
  const result = await harness.driver.command('/bms', `create ${text}`.trim(), { user: USER });
  expect(result.status).toBe(200);
  return { viewId: await openedView(harness, result.triggerId), responseUrl: result.responseUrl };
}

/** Opens the form and fills every field a ticket needs. */
async function validForm(title: string): Promise<{ viewId: string; responseUrl?: string }> {
  const form = await openForm(title);
  await pick(harness, form.viewId, 'create_ticket_account', CONTOSO);
  enter(harness, form.viewId, 'create_ticket_details', 'The printer on floor 2 shows a paper jam.');
  enter(harness, form.viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
  return form;
}

function selected(harness: AppHarness, viewId: string, actionId: string): string | undefined {
  const entry = stateOf(harness, viewId, actionId);
  return (entry?.selected_option as Json | null | undefined)?.value as string | undefined;
}

describe('ticket form', () => {
  it('opens with BMS defaults', async () => {
    const { viewId } = await openForm('Printer offline');
    const view = harness.fake.findView(viewId);
    expect(view?.view.callback_id).toBe('create_ticket_form');
    expect(describeViolations(checkView(view?.view))).toEqual([]);
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Printer offline');
    expect(selected(harness, viewId, 'create_ticket_status')).toBe(String(STATUS_IDS.new));
    expect(selected(harness, viewId, 'create_ticket_priority')).toBe(String(PRIORITY_IDS.normal));
    expect(selected(harness, viewId, 'create_ticket_type')).toBe(String(TICKET_TYPE_IDS.serviceRequest));
    expect(selected(harness, viewId, 'create_ticket_source')).toBe(String(TICKET_SOURCE_IDS.phone));
    expect(optionValues(elementOf(harness, viewId, 'create_ticket_queue'))).not.toContain(
      String(QUEUE_IDS.archive),
    );
    const openedAt = Number(stateOf(harness, viewId, 'create_ticket_open_date')?.selected_date_time);
    expect(Math.abs(openedAt - harness.clock() / 1000)).toBeLessThan(5);
  });

  it('opens the modal before loading', async () => {
    const result = await harness.driver.command('/bms', 'create', { user: USER });
    await openedView(harness, result.triggerId);
    const open = harness.fake.callsOf('views.open').find((call) => call.args.trigger_id === result.triggerId);
    if (!open) throw new Error('the form was not opened');
    const first = harness.fake.calls.indexOf(open);
    const update = harness.fake.calls.findIndex(
      (call, index) => index > first && call.method === 'views.update',
    );
    expect(first).toBeGreaterThanOrEqual(0);
    expect(update).toBeGreaterThan(first);
    expect(JSON.stringify((open.args.view as Json).blocks)).toContain('Loading');
  });

  it('loads lists from a warm cache', async () => {
    // The sandbox's 2,000 accounts make a large tenant, whose searches are cached per query.
    const first = await openForm();
    await harness.driver.options(
      { viewId: first.viewId, actionId: 'create_ticket_account', value: 'cont' },
      { user: USER },
    );
    await pick(harness, first.viewId, 'create_ticket_account', CONTOSO);

    const before = await bmsRequestCount(harness);
    const { viewId } = await openForm();
    const options = await harness.driver.options(
      { viewId, actionId: 'create_ticket_account', value: 'cont' },
      { user: USER },
    );
    await pick(harness, viewId, 'create_ticket_account', CONTOSO);
    expect(options.violations).toEqual([]);
    expect(await bmsRequestCount(harness)).toBe(before);
  });

  it('offers accounts within Slack limits', async () => {
    const { viewId } = await openForm();
    const all = await harness.driver.options(
      { viewId, actionId: 'create_ticket_account', value: '' },
      { user: USER },
    );
    const allOptions = (all.body as Json).options as Json[];
    expect(all.violations).toEqual([]);
    expect(allOptions).toHaveLength(100);
    for (const option of allOptions) {
      expect(String((option.text as Json).text).length).toBeLessThanOrEqual(75);
      expect(String(option.value).length).toBeLessThanOrEqual(75);
    }

    const contoso = await harness.driver.options(
      { viewId, actionId: 'create_ticket_account', value: 'CONTOSO' },
      { user: USER },
    );
    const values = ((contoso.body as Json).options as Json[]).map((option) => option.value);
    expect(values.slice(0, 3)).toEqual(Object.values(CONTOSO_ACCOUNT_IDS).map(String));
  });

  it("loads the chosen account's locations", async () => {
    const { viewId } = await openForm();
    enter(harness, viewId, 'create_ticket_title', 'Typed before the account');
    const locationBlockBefore = blockOf(harness, viewId, 'create_ticket_location').block_id;
    const update = await pick(harness, viewId, 'create_ticket_account', CONTOSO);

    expect(update.result.ok).toBe(true);
    expect(update.args.hash).toBeTruthy();
    const location = blockOf(harness, viewId, 'create_ticket_location');
    expect(location.block_id).not.toBe(locationBlockBefore);
    const element = location.element as Json;
    expect(element.type).toBe('static_select');
    for (const value of optionValues(element)) {
      expect(Math.floor(Number(value) / 10)).toBe(CONTOSO_ACCOUNT_IDS.contoso);
    }
    expect(selected(harness, viewId, 'create_ticket_location')).toBe(
      String(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso)),
    );
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Typed before the account');
  });

  it('clears a location of another account', async () => {
    const { viewId } = await openForm();
    await pick(harness, viewId, 'create_ticket_account', CONTOSO);
    const contosoLocations = optionValues(elementOf(harness, viewId, 'create_ticket_location'));
    const other = contosoLocations.find(
      (value) => value !== String(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso)),
    );
    enter(harness, viewId, 'create_ticket_location', String(other));
    enter(harness, viewId, 'create_ticket_priority', String(PRIORITY_IDS.high));

    await pick(harness, viewId, 'create_ticket_account', CONTOSO_LTD);
    const values = optionValues(elementOf(harness, viewId, 'create_ticket_location'));
    expect(values).not.toContain(String(other));
    expect(selected(harness, viewId, 'create_ticket_location')).toBe(
      String(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd)),
    );
    expect(selected(harness, viewId, 'create_ticket_priority')).toBe(String(PRIORITY_IDS.high));
  });

  it('drops an update with a stale hash', async () => {
    const { viewId } = await openForm();
    const before = viewUpdates(harness, viewId).length;
    // Both payloads carry the same hash: the first update wins and the second must not overwrite it.
    await Promise.all([
      harness.driver.blockAction(
        { viewId, actionId: 'create_ticket_account', value: CONTOSO },
        { user: USER },
      ),
      harness.driver.blockAction(
        { viewId, actionId: 'create_ticket_account', value: CONTOSO_LTD },
        { user: USER },
      ),
    ]);
    await harness.fake.waitForCall('views.update', () => viewUpdates(harness, viewId).length >= before + 2);
    const results = viewUpdates(harness, viewId)
      .slice(before)
      .map((call) => (call.result.ok ? 'ok' : String(call.result.error)));
    expect(results.sort()).toEqual(['hash_conflict', 'ok']);

    const winner = viewUpdates(harness, viewId)
      .slice(before)
      .find((call) => call.result.ok);
    if (!winner) throw new Error('no update of the view was accepted');
    const winnerLocation = ((winner.args.view as Json).blocks as Json[]).find(
      (block) => (block.element as Json | undefined)?.action_id === 'create_ticket_location',
    );
    expect(blockOf(harness, viewId, 'create_ticket_location')).toEqual(winnerLocation);
    expect(harness.logLines.filter((line) => line.includes('listener failed'))).toEqual([]);
  });

  it('fills a template around typed values', async () => {
    const { viewId } = await openForm('My own title');
    const titleBlock = blockOf(harness, viewId, 'create_ticket_title').block_id;

    await pick(harness, viewId, 'create_ticket_template', String(TICKET_TEMPLATE_IDS.serverOutage));
    expect(blockOf(harness, viewId, 'create_ticket_title').block_id).toBe(titleBlock);
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('My own title');
    expect(stateOf(harness, viewId, 'create_ticket_details')?.value).toBe(
      'Monitoring reports the server as unreachable.',
    );
    expect(selected(harness, viewId, 'create_ticket_priority')).toBe(String(PRIORITY_IDS.critical));
    expect(selected(harness, viewId, 'create_ticket_type')).toBe(String(TICKET_TYPE_IDS.incident));
    expect(selected(harness, viewId, 'create_ticket_queue')).toBe(String(QUEUE_IDS.infrastructure));
    expect(selected(harness, viewId, 'create_ticket_assignee')).toBe('105');
    expect(selected(harness, viewId, 'create_ticket_status')).toBe(String(STATUS_IDS.new));

    // The user changes the priority; the next template may replace only the template's own values.
    enter(harness, viewId, 'create_ticket_priority', String(PRIORITY_IDS.low));
    await pick(harness, viewId, 'create_ticket_template', String(TICKET_TEMPLATE_IDS.printerFault));
    expect(selected(harness, viewId, 'create_ticket_priority')).toBe(String(PRIORITY_IDS.low));
    expect(selected(harness, viewId, 'create_ticket_assignee')).toBe(String(SANDBOX_USERS.jane.userId));
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('My own title');
    expect(describeViolations(checkView(harness.fake.findView(viewId)?.view))).toEqual([]);
  });
});

describe('ticket form submission', () => {
  it('shows validation errors per field', async () => {
    const { viewId } = await openForm();
    await pick(harness, viewId, 'create_ticket_account', CONTOSO);
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const result = await harness.driver.submitView(viewId, {
      create_ticket_title: '   ',
      create_ticket_details: '  ',
    });
    expect(result.outcome).toBe('errors');
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(
      [
        blockOf(harness, viewId, 'create_ticket_title').block_id,
        blockOf(harness, viewId, 'create_ticket_details').block_id,
        blockOf(harness, viewId, 'create_ticket_queue').block_id,
      ].sort(),
    );
    expect(result.errors?.[String(blockOf(harness, viewId, 'create_ticket_queue').block_id)]).toContain(
      'queue or an assignee',
    );
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts);
  });

  it('creates one ticket and sends its card', async () => {
    const { viewId, responseUrl } = await validForm('Printer offline on floor 2');
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const result = await submitForResult(harness, viewId);
    expect(JSON.stringify(result.blocks)).toMatch(/Created .*T\d{8}\.\d{4}/);
    const card = await responsePost(harness, responseUrl);
    const header = (card.blocks as Json[])[0];
    expect(String(header?.block_id)).toMatch(/^ticket_card_\d+$/);
    expect(JSON.stringify(header)).toContain('Printer offline on floor 2');
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);

    const ticketId = Number(String(header?.block_id).replace('ticket_card_', ''));
    const api = await harness.runtime.services.sessions.api(harness.identity(USER));
    const ticket = await api.getTicket(ticketId);
    expect(ticket.AccountId).toBe(CONTOSO_ACCOUNT_IDS.contoso);
    expect(ticket.LocationId).toBe(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso));
    expect(ticket.QueueId).toBe(QUEUE_IDS.serviceDesk);
    expect(ticket.StatusId).toBe(STATUS_IDS.new);
  });

  it('creates once under a double submission', async () => {
    const { viewId } = await validForm('Double-clicked create');
    const body = submissionBody(harness, viewId);
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const acks = await Promise.all([harness.driver.send(body, FORM), harness.driver.send(body, FORM)]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    const answers = acks.map((ack) => ack.body as Json);
    expect(answers.map((answer) => answer.response_action)).toEqual(['update', 'update']);
    const duplicates = answers.filter((answer) => /already (being )?created/.test(JSON.stringify(answer)));
    expect(duplicates).toHaveLength(1);
    const done = await harness.fake.waitForCall(
      'views.update',
      (call) =>
        call.args.view_id === viewId && /Created .*T\d{8}\.\d{4}/.test(JSON.stringify(call.args.view)),
      15_000,
    );
    expect(done.result.ok).toBe(true);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);

    // Slack sends the same payload again, as a retry would: the form shows the ticket, no new POST.
    const retry = await harness.driver.send(body, FORM);
    const answer = retry.body as Json;
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('already created');
    expect(JSON.stringify(answer.view)).toMatch(/T\d{8}\.\d{4}/);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);
  });

  it('keeps values when BMS refuses', async () => {
    const { viewId, responseUrl } = await validForm('Refused at first');
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets',
      times: 1,
    });

    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);

    const refused = await submitForResult(harness, viewId);
    expect(refused.callback_id).toBe('create_ticket_form');
    expect(noticeOf(harness, viewId)).toContain('injected sandbox fault');
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Refused at first');
    expect(stateOf(harness, viewId, 'create_ticket_details')?.value).toBe(
      'The printer on floor 2 shows a paper jam.',
    );
    expect(selected(harness, viewId, 'create_ticket_queue')).toBe(String(QUEUE_IDS.serviceDesk));
    expect(selected(harness, viewId, 'create_ticket_account')).toBe(CONTOSO.value);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);

    const again = await submitForResult(harness, viewId);
    expect(JSON.stringify(again.blocks)).toMatch(/Created .*T\d{8}\.\d{4}/);
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 2);
    const card = await responsePost(harness, responseUrl);
    expect(JSON.stringify(card.blocks)).toContain('Refused at first');
  });

  it('reports to the start when the form was closed', async () => {
    let closedView: string | undefined;
    // Slack returns not_found when the user closed the view before the result arrived.
    harness.fake.setResponse('views.update', (call) =>
      call.args.view_id === closedView ? { body: { ok: false, error: 'not_found' } } : undefined,
    );
    try {
      const refused = await validForm('Closed & refused');
      await harness.bmsFault({
        fault: 'success-false',
        method: 'POST',
        path: '/v2/servicedesk/tickets',
        times: 1,
      });
      closedView = refused.viewId;
      expect((await harness.driver.submitView(refused.viewId)).outcome).toBe('updated');
      const refusal = await responsePost(harness, refused.responseUrl);
      expect(String(refusal.text)).toContain('The ticket was not created');
      expect(String(refusal.text)).toContain('injected sandbox fault');
      expect(String(refusal.text)).toContain('Closed &amp; refused');
      expect(String(refusal.text)).toContain('The printer on floor 2 shows a paper jam.');

      const created = await validForm('Closed but created');
      closedView = created.viewId;
      expect((await harness.driver.submitView(created.viewId)).outcome).toBe('updated');
      const card = await responsePost(harness, created.responseUrl);
      expect(JSON.stringify(card.blocks)).toContain('Closed but created');
    } finally {
      harness.fake.setResponse('views.update', undefined);
    }
  });

  it('reports an unconfirmed create', async () => {
    const { viewId } = await validForm('Dropped connection');
    await harness.bmsFault({ fault: 'drop', method: 'POST', path: '/v2/servicedesk/tickets', times: 1 });

    await submitForResult(harness, viewId);
    expect(noticeOf(harness, viewId)).toContain('not confirmed');
    expect(harness.fake.findView(viewId)?.open).toBe(true);
    expect(stateOf(harness, viewId, 'create_ticket_title')?.value).toBe('Dropped connection');
  });
});
