import { expect } from 'vitest';
import type { FakeSlackApi, FakeSlackCall, Json } from '../fakes/slack-api.ts';
import type { ActionValue } from '../fakes/slack-interaction.ts';
import { findElement, stateEntryFor } from '../fakes/slack-interaction.ts';
import type { ClusterHarness } from '../support/cluster-harness.ts';

/** Helpers of the several-instances tests: Slack traffic that any instance may receive. */

export const FORM = 'application/x-www-form-urlencoded';

/** Waits for the `index`-th post (from 0) to a response URL and returns its body. */
export async function responsePostOf(
  fake: FakeSlackApi,
  responseUrl: string | undefined,
  index = 0,
): Promise<Json> {
  if (!responseUrl) throw new Error('the request carried no response URL');
  const id = responseUrl.split('/').at(-1);
  const posts = () => fake.callsOf('response_url').filter((call) => call.args.response_url_id === id);
  const call = await fake.waitForCall(
    'response_url',
    (candidate) => candidate.args.response_url_id === id && posts().indexOf(candidate) === index,
  );
  return call.args;
}

/** Counts the posts to a response URL so far. */
export function postsTo(fake: FakeSlackApi, responseUrl: string | undefined): number {
  const id = responseUrl?.split('/').at(-1);
  return fake.callsOf('response_url').filter((call) => call.args.response_url_id === id).length;
}

/** Waits for the modal a trigger id opened, and for its first update (the form filled in). */
export async function openedForm(fake: FakeSlackApi, triggerId: string | undefined): Promise<string> {
  const open = await fake.waitForCall('views.open', (call) => call.args.trigger_id === triggerId);
  expect(open.result.ok, `views.open failed: ${String(open.result.error)}`).toBe(true);
  const viewId = String((open.result.view as Json).id);
  await waitForUpdates(fake, viewId, 1);
  return viewId;
}

function updatesOf(fake: FakeSlackApi, viewId: string): FakeSlackCall[] {
  return fake.callsOf('views.update').filter((call) => call.args.view_id === viewId);
}

async function waitForUpdates(fake: FakeSlackApi, viewId: string, count: number): Promise<void> {
  await fake.waitForCall(
    'views.update',
    (call) => call.args.view_id === viewId && updatesOf(fake, viewId).length >= count,
  );
}

/** Types or picks a value in an open view as the user would, without a request to the app. */
export function enterValue(fake: FakeSlackApi, viewId: string, actionId: string, value: ActionValue): void {
  const found = findElement(fake.findView(viewId)?.view.blocks, actionId);
  fake.setViewValue(viewId, found.blockId, actionId, stateEntryFor(found.element, value));
}

/** Picks an option of a dispatching select through one instance and waits for that instance's update of the view. */
export async function pickThrough(
  cluster: ClusterHarness,
  instance: number,
  viewId: string,
  actionId: string,
  value: ActionValue,
  user: string,
): Promise<void> {
  const before = updatesOf(cluster.fake, viewId).length;
  const driver = cluster.instances[instance]?.driver;
  if (!driver) throw new Error(`the cluster has no instance ${instance}`);
  const result = await driver.blockAction({ viewId, actionId, value }, { user });
  expect(result.status).toBe(200);
  await waitForUpdates(cluster.fake, viewId, before + 1);
}

/** Builds the body Slack sends to submit a view as it is now, so the same submission can reach several instances. */
export function submissionBodyOf(fake: FakeSlackApi, viewId: string): string {
  const view = fake.findView(viewId);
  if (!view) throw new Error(`view ${viewId} is unknown`);
  const user = { id: view.userId, username: 'jane', name: 'jane', team_id: view.teamId };
  const payload = {
    type: 'view_submission',
    token: 'fake-verification-token',
    api_app_id: fake.workspace.appId,
    team: { id: view.teamId, domain: fake.workspace.teamDomain },
    user,
    trigger_id: fake.issueTriggerId(view.userId, 'view_submission', view.teamId),
    view: fake.viewPayload(view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Returns the DMs the bot posted to a user, oldest first. */
export function directMessagesTo(fake: FakeSlackApi, userId: string): FakeSlackCall[] {
  const channel = `D${userId.slice(1)}`;
  return fake.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
}
