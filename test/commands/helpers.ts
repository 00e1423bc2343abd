import { expect } from 'vitest';
import type { Ticket } from '../../src/bms/index.ts';
import { buildActionableCard } from '../../views/ticket-actions.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import type { DriverResult } from '../fakes/slack-driver.ts';
import type { ActionValue } from '../fakes/slack-interaction.ts';
import { mrkdwnStrings, responsePost } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';

/** Helpers of the end-to-end tests of the command replies, the card actions and the Home tab. */

export const CHANNEL = 'C0GENERAL1';

/** Requests per `METHOD /template` the sandbox served while `run` ran. */
export async function servedDuring(
  harness: AppHarness,
  run: () => Promise<void>,
): Promise<Record<string, number>> {
  const before = await harness.bmsStats();
  await run();
  const after = await harness.bmsStats();
  return Object.fromEntries(
    Object.entries(after)
      .map(([endpoint, count]): [string, number] => [endpoint, count - (before[endpoint] ?? 0)])
      .filter(([, count]) => count !== 0),
  );
}

/** Returns all mrkdwn and plain text of a message or view, with Slack's entities undone, for checks that a sentence is there. */
export function textOf(message: Json): string {
  const plain: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const object = value as Json;
    if (object.type === 'plain_text' && typeof object.text === 'string') plain.push(object.text);
    for (const child of Object.values(object)) walk(child);
  };
  walk(message.blocks);
  return [...mrkdwnStrings(message), ...plain]
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Clicks a button or picks an option in an ephemeral message of the user, such as a command's reply. */
export async function clickInEphemeral(
  harness: AppHarness,
  message: Json,
  actionId: string,
  options: { user?: string; blockId?: string; value?: ActionValue } = {},
): Promise<DriverResult> {
  const result = await harness.driver.blockAction(
    {
      message: {
        channel: CHANNEL,
        ts: '1700000000.000100',
        blocks: message.blocks as unknown[],
        ephemeral: true,
      },
      actionId,
      blockId: options.blockId,
      value: options.value,
    },
    { user: options.user ?? 'U0JANE' },
  );
  expect(result.status).toBe(200);
  return result;
}

/** Clicks a button of a message posted in a channel, as any member of the channel can. */
export async function clickInChannel(
  harness: AppHarness,
  channel: string,
  ts: string,
  actionId: string,
  user: string,
): Promise<DriverResult> {
  const result = await harness.driver.blockAction({ message: { channel, ts }, actionId }, { user });
  expect(result.status).toBe(200);
  return result;
}

/** Runs `/bms <text>` and returns its first reply. */
export async function bmsAnswer(harness: AppHarness, text: string, user = 'U0JANE'): Promise<Json> {
  const result = await harness.driver.command('/bms', text, { user });
  expect(result.status).toBe(200);
  return responsePost(harness, result.responseUrl);
}

/** Posts a ticket card in a channel as the bot, as sharing a card does, and returns its ts. */
export async function postCardInChannel(
  harness: AppHarness,
  channel: string,
  ticket: Ticket,
): Promise<string> {
  harness.fake.addChannel({ id: channel });
  const card = buildActionableCard(ticket, { shareable: false });
  const response = await fetch(`${harness.fake.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${harness.fake.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, text: card.text, blocks: card.blocks }),
  });
  const body = (await response.json()) as { ok: boolean; ts?: string; error?: string };
  if (!body.ok || !body.ts) throw new Error(`chat.postMessage failed: ${body.error}`);
  return body.ts;
}

/** Returns the message as the channel shows it now. */
export function channelMessage(harness: AppHarness, channel: string, ts: string): Json {
  const message = harness.fake.messages(channel).find((candidate) => candidate.ts === ts);
  if (!message) throw new Error(`no message ${ts} in ${channel}`);
  return { text: message.text, blocks: message.blocks };
}

/** Number of views.update calls so far; pass it to `filledModal` to wait for a later one. */
export function viewUpdates(harness: AppHarness): number {
  return harness.fake.callsOf('views.update').length;
}

/** Waits for a views.update of a `callbackId` view after the first `since` updates, and returns the user's top modal. */
export async function filledModal(
  harness: AppHarness,
  user: string,
  callbackId: string,
  since = 0,
): Promise<FakeView> {
  await harness.fake.waitForCall('views.update', (call) => {
    const view = call.args.view as Json | undefined;
    const index = harness.fake.callsOf('views.update').indexOf(call);
    return index >= since && call.result.ok === true && view?.callback_id === callbackId;
  });
  const view = harness.fake.latestView(user);
  if (!view?.open) throw new Error(`user ${user} has no open modal`);
  expect(view.view.callback_id).toBe(callbackId);
  return view;
}
