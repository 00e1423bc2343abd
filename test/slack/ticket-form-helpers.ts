import { expect } from 'vitest';
import type { FakeSlackCall, Json } from '../fakes/slack-api.ts';
import type { ActionValue } from '../fakes/slack-interaction.ts';
import { findElement, stateEntryFor } from '../fakes/slack-interaction.ts';
import type { AppHarness } from '../support/app-harness.ts';

/** Helpers shared by the end-to-end tests of the ticket and note forms. */

export const FORM = 'application/x-www-form-urlencoded';

/** Returns the `views.update` calls made for one view, oldest first, accepted or not. */
export function viewUpdates(harness: AppHarness, viewId: string): FakeSlackCall[] {
  return harness.fake.callsOf('views.update').filter((call) => call.args.view_id === viewId);
}

/** Waits until the view has had `count` `views.update` calls and returns the last. */
export async function waitForViewUpdates(
  harness: AppHarness,
  viewId: string,
  count: number,
  timeoutMs = 5000,
): Promise<FakeSlackCall> {
  await harness.fake.waitForCall(
    'views.update',
    (call) => call.args.view_id === viewId && viewUpdates(harness, viewId).length >= count,
    timeoutMs,
  );
  const last = viewUpdates(harness, viewId).at(-1);
  if (!last) throw new Error(`view ${viewId} was never updated`);
  return last;
}

/** Waits for the modal a request with this trigger id opened, and for the view's first update. */
export async function openedView(harness: AppHarness, triggerId: string | undefined): Promise<string> {
  const open = await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === triggerId);
  expect(open.result.ok, `views.open failed: ${String(open.result.error)}`).toBe(true);
  const viewId = String((open.result.view as Json).id);
  const update = await waitForViewUpdates(harness, viewId, 1);
  expect(update.result.ok, `views.update failed: ${String(update.result.error)}`).toBe(true);
  return viewId;
}

/** Returns the current blocks of an open view. */
export function blocksOf(harness: AppHarness, viewId: string): Json[] {
  return (harness.fake.findView(viewId)?.view.blocks as Json[] | undefined) ?? [];
}

/** Finds the input block whose element has this action id. */
export function blockOf(harness: AppHarness, viewId: string, actionId: string): Json {
  const found = findElement(blocksOf(harness, viewId), actionId);
  return found.block;
}

export function elementOf(harness: AppHarness, viewId: string, actionId: string): Json {
  return blockOf(harness, viewId, actionId).element as Json;
}

/** Returns what Slack keeps for an element now (`view.state.values`). */
export function stateOf(harness: AppHarness, viewId: string, actionId: string): Json | undefined {
  const block = blockOf(harness, viewId, actionId);
  return harness.fake.findView(viewId)?.state.values[String(block.block_id)]?.[actionId];
}

/** Lists the option values of a static select. */
export function optionValues(element: Json): string[] {
  return ((element.options as Json[] | undefined) ?? []).map((option) => String(option.value));
}

/** Types or picks a value as the user would, without an action reaching the app. */
export function enter(harness: AppHarness, viewId: string, actionId: string, value: ActionValue): void {
  const found = findElement(blocksOf(harness, viewId), actionId);
  harness.fake.setViewValue(viewId, found.blockId, actionId, stateEntryFor(found.element, value));
}

/** Picks an option of a dispatching select and waits for the app's update of the view. */
export async function pick(
  harness: AppHarness,
  viewId: string,
  actionId: string,
  value: ActionValue,
  user = 'U0JANE',
): Promise<FakeSlackCall> {
  const before = viewUpdates(harness, viewId).length;
  const result = await harness.driver.blockAction({ viewId, actionId, value }, { user });
  expect(result.status).toBe(200);
  return waitForViewUpdates(harness, viewId, before + 1);
}

/** Builds the body Slack sends to submit the view as it is now, so a test can send it twice. */
export function submissionBody(harness: AppHarness, viewId: string): string {
  const view = harness.fake.findView(viewId);
  if (!view) throw new Error(`view ${viewId} is unknown`);
  const { workspace } = harness.fake;
  const user = { id: view.userId, username: 'jane', name: 'jane', team_id: view.teamId };
  const payload = {
    type: 'view_submission',
    token: 'fake-verification-token',
    api_app_id: workspace.appId,
    team: { id: view.teamId, domain: workspace.teamDomain },
    user,
    trigger_id: harness.fake.issueTriggerId(view.userId, 'view_submission', view.teamId),
    view: harness.fake.viewPayload(view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** BMS requests the sandbox has served, in total. */
export async function bmsRequestCount(harness: AppHarness): Promise<number> {
  return Object.values(await harness.bmsStats()).reduce((sum, count) => sum + count, 0);
}

/** Requests of one `METHOD /path/template` the sandbox has served. */
export async function bmsRequests(harness: AppHarness, endpoint: string): Promise<number> {
  return (await harness.bmsStats())[endpoint] ?? 0;
}

export const CREATE_TICKET_ENDPOINT = 'POST /v2/servicedesk/tickets';
export const CREATE_NOTE_ENDPOINT = 'POST /v2/servicedesk/tickets/{ticketId}/notes';

/**
 * Submits a form whose checks pass: the ack must show the progress view at once, and the
 * result must follow by `views.update`. Returns the view of that update.
 */
export async function submitForResult(
  harness: AppHarness,
  viewId: string,
  values?: Record<string, ActionValue>,
): Promise<Json> {
  const before = viewUpdates(harness, viewId).length;
  const submitted = await harness.driver.submitView(viewId, values);
  expect(submitted.outcome, submitted.failure).toBe('updated');
  expect(String(harness.fake.findView(viewId)?.view.callback_id)).toMatch(/_progress$/);
  const update = await waitForViewUpdates(harness, viewId, before + 1, 15_000);
  expect(update.result.ok, `views.update failed: ${String(update.result.error)}`).toBe(true);
  return update.args.view as Json;
}

/** Returns the warning shown right under the input with this action id, or undefined. */
export function warningUnder(harness: AppHarness, viewId: string, actionId: string): string | undefined {
  const blocks = blocksOf(harness, viewId);
  const index = blocks.findIndex(
    (block) => block.type === 'input' && (block.element as Json | undefined)?.action_id === actionId,
  );
  const next = index === -1 ? undefined : blocks[index + 1];
  if (next?.type !== 'context') return undefined;
  return (next.elements as Json[]).map((element) => String(element.text)).join(' ');
}

/** Returns the notice above the form's fields, or undefined. */
export function noticeOf(harness: AppHarness, viewId: string): string | undefined {
  const notice = blocksOf(harness, viewId).find((block) => String(block.block_id).endsWith('_notice'));
  return notice ? String((notice.text as Json).text) : undefined;
}

/**
 * Waits for the `views.update` that shows a submission's result: the first update of the view
 * after the Slack call index `mark`. The progress view comes in the ack, so it is not one of them.
 */
export async function waitForResult(harness: AppHarness, viewId: string, mark: number): Promise<Json> {
  const update = await harness.fake.waitForCall(
    'views.update',
    (call) => harness.fake.calls.indexOf(call) >= mark && call.args.view_id === viewId,
    15_000,
  );
  expect(update.result.ok, `views.update failed: ${String(update.result.error)}`).toBe(true);
  return update.args.view as Json;
}
