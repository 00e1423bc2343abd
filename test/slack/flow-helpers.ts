import { expect } from 'vitest';
import type { FakeSlackCall, FakeView, Json } from '../fakes/slack-api.ts';
import type { DriverResult } from '../fakes/slack-driver.ts';
import type { AppHarness } from '../support/app-harness.ts';

/** Helpers shared by the end-to-end tests of the login, MFA and ticket flows. */

function urlId(responseUrl: string): string {
  return responseUrl.split('/').at(-1) ?? '';
}

/** Waits for the `index`-th post (from 0) to a response URL and returns its body. */
export async function responsePost(
  harness: AppHarness,
  responseUrl: string | undefined,
  index = 0,
  timeoutMs = 5000,
): Promise<Json> {
  if (!responseUrl) throw new Error('the request carried no response URL');
  const id = urlId(responseUrl);
  const samePosts = () =>
    harness.fake.callsOf('response_url').filter((call) => call.args.response_url_id === id);
  const call = await harness.fake.waitForCall(
    'response_url',
    (candidate) => candidate.args.response_url_id === id && samePosts().indexOf(candidate) === index,
    timeoutMs,
  );
  expect(call.result.ok, `response URL post ${index} was refused: ${String(call.result.error)}`).toBe(true);
  return call.args;
}

/** Runs `/bms <text>` as `user` and returns the first response URL post. */
export async function bms(
  harness: AppHarness,
  text: string,
  options: { user?: string; team?: string; channel?: string } = {},
): Promise<{ result: DriverResult; reply: Json }> {
  const result = await harness.driver.command('/bms', text, { user: options.user ?? 'U0JANE', ...options });
  expect(result.status).toBe(200);
  return { result, reply: await responsePost(harness, result.responseUrl) };
}

/** Returns every string of a message that Slack parses as mrkdwn: the fallback text and each mrkdwn text object. */
export function mrkdwnStrings(message: Json): string[] {
  const found: string[] = [];
  if (typeof message.text === 'string') found.push(message.text);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const object = value as Json;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') found.push(object.text);
    for (const [key, child] of Object.entries(object))
      if (key !== 'text' || typeof child !== 'string') walk(child);
  };
  walk(message.blocks);
  return found;
}

/** Slack syntax that pings people or makes a link when it appears unescaped in mrkdwn. */
export const LIVE_TOKENS = ['<!channel>', '<!here>', '<@U', '<https://evil'];

/** Returns all text of a message, mrkdwn or plain, for checks that a sentence is there. */
export function messageText(message: Json): string {
  return JSON.stringify({ text: message.text, blocks: message.blocks });
}

/** Action ids of the buttons in a message's or view's blocks. */
export function buttonActionIds(blocks: unknown): string[] {
  const ids: string[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const elements = (block as Json).elements;
    for (const element of Array.isArray(elements) ? elements : []) {
      const typed = element as Json;
      if (typed.type === 'button' && typeof typed.action_id === 'string') ids.push(typed.action_id);
    }
  }
  return ids;
}

/** Returns the open modal of a user, and throws when there is none. */
export function openModal(harness: AppHarness, userId: string): FakeView {
  const view = harness.fake.latestView(userId);
  if (!view?.open) throw new Error(`user ${userId} has no open modal`);
  return view;
}

/** Returns the DMs the bot posted to a user, oldest first. */
export function directMessages(harness: AppHarness, userId: string): FakeSlackCall[] {
  const channel = `D${userId.slice(1)}`;
  return harness.fake.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
}

/** Requests the sandbox served for one `METHOD /template` since `before`. */
export async function servedSince(
  harness: AppHarness,
  before: Record<string, number>,
  endpoint: string,
): Promise<number> {
  const after = await harness.bmsStats();
  return (after[endpoint] ?? 0) - (before[endpoint] ?? 0);
}

export const ENDPOINTS = {
  authenticate: 'POST /v2/security/authenticate',
  refresh: 'POST /v2/security/refreshtoken',
  getTicket: 'GET /v2/servicedesk/tickets/{ticketId}',
} as const;
