import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ACCOUNT_IDS, QUEUE_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { responsePost } from './flow-helpers.ts';
import {
  bmsRequests,
  CREATE_TICKET_ENDPOINT,
  elementOf,
  enter,
  openedView,
  pick,
  viewUpdates,
  waitForViewUpdates,
} from './ticket-form-helpers.ts';

/**
 * A BMS slower than Slack's 3-second ack window allows (the client gives up after 2.5 s). The
 * ack never waits for BMS, so the form shows "Creating…" at once and the result follows later.
 */

const USER = 'U0JANE';
const CLIENT_TIMEOUT_MS = 2500;
let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bms: { timeoutMs: CLIENT_TIMEOUT_MS } });
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

async function validForm(title: string): Promise<{ viewId: string; responseUrl?: string }> {
  const result = await harness.driver.command('/bms', `create ${title}`, { user: USER });
  const viewId = await openedView(harness, result.triggerId);
  await pick(harness, viewId, 'create_ticket_account', {
    value: String(CONTOSO_ACCOUNT_IDS.contoso),
    text: 'Contoso',
  });
  enter(harness, viewId, 'create_ticket_details', 'Slow BMS today.');
  enter(harness, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
  return { viewId, responseUrl: result.responseUrl };
}

describe('slow ticket create', () => {
  it('shows may have been created after a lost reply', async () => {
    const { viewId } = await validForm('Lost reply ticket');
    await harness.bmsFault({
      fault: 'lost-reply',
      method: 'POST',
      path: '/v2/servicedesk/tickets',
      times: 1,
    });
    const posts = await bmsRequests(harness, CREATE_TICKET_ENDPOINT);
    const updatesBefore = viewUpdates(harness, viewId).length;

    const result = await harness.driver.submitView(viewId);
    expect(result.outcome).toBe('updated');
    expect(JSON.stringify(harness.fake.findView(viewId)?.view.blocks)).toContain('Creating the ticket');

    const restored = await waitForViewUpdates(harness, viewId, updatesBefore + 1, 15_000);
    expect(restored.result.ok).toBe(true);
    const view = restored.args.view as Json;
    expect(view.callback_id).toBe('create_ticket_form');
    expect(JSON.stringify(view.blocks)).toMatch(/may have been created: T\d{8}\.\d{4}/);
    expect(JSON.stringify(view.blocks)).toContain('check it before submitting again');
    expect(elementOf(harness, viewId, 'create_ticket_title').initial_value).toBe('Lost reply ticket');
    expect(elementOf(harness, viewId, 'create_ticket_details').initial_value).toBe('Slow BMS today.');
    expect(await bmsRequests(harness, CREATE_TICKET_ENDPOINT)).toBe(posts + 1);
  });

  it('finishes a slow create in the form', async () => {
    const { viewId, responseUrl } = await validForm('Slow but created');
    await harness.bmsFault({
      fault: 'latency',
      latencyMs: 2200,
      method: 'POST',
      path: '/v2/servicedesk/tickets',
      times: 1,
    });
    const updatesBefore = viewUpdates(harness, viewId).length;

    const result = await harness.driver.submitView(viewId);
    expect(result.outcome).toBe('updated');
    // BMS delays the POST by 2.2 s, so the ack arrived before any result.
    expect(viewUpdates(harness, viewId)).toHaveLength(updatesBefore);
    expect(JSON.stringify(harness.fake.findView(viewId)?.view.blocks)).toContain('Creating the ticket');
    const done = await waitForViewUpdates(harness, viewId, updatesBefore + 1, 15_000);
    expect(JSON.stringify((done.args.view as Json).blocks)).toMatch(/Created .*T\d{8}\.\d{4}/);
    const card = await responsePost(harness, responseUrl);
    expect(JSON.stringify(card.blocks)).toContain('Slow but created');
  });
});
