import { expect } from 'vitest';
import { FIRST_TICKET_ID, SANDBOX_USERS, type SandboxUser } from '../../src/sandbox/index.ts';
import type { FakeSlackCall, Json } from '../fakes/slack-api.ts';
import { bms } from '../slack/flow-helpers.ts';
import { type AppHarness, type AppHarnessOptions, startAppHarness } from '../support/app-harness.ts';
import { expectReadable, type FaultColumn } from './columns.ts';

/** The BMS timeout of the matrix: long enough for a loopback response, short enough to keep cells fast. */
export const MATRIX_TIMEOUT_MS = 500;

/** The ticket the cells read and change: seeded, not hostile, not restricted. */
export const MATRIX_TICKET_ID = FIRST_TICKET_ID + 10;
/** A small seed, with a cold account per column; each cell's reset reseeds it. */
const MATRIX_TICKETS = 50;
const MATRIX_ACCOUNTS = 200;

/**
 * The whole app with a short BMS timeout and retries that do not wait: a read still makes all
 * its attempts against a persistent fault, without the backoff's wall time.
 */
export function startMatrixHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  return startAppHarness({
    ...options,
    // Every cell resets the sandbox, which then reseeds: a smaller seed keeps that cheap.
    sandbox: { tickets: MATRIX_TICKETS, accounts: MATRIX_ACCOUNTS, ...options.sandbox },
    bms: { timeoutMs: MATRIX_TIMEOUT_MS, ...options.bms },
    bmsRetry: { sleep: async () => {} },
  });
}

/** Ends every token of a BMS user, as an administrator or a password change would. */
export async function revokeTokens(harness: AppHarness, userName: string): Promise<void> {
  const response = await fetch(`${harness.sandbox.url}/__sandbox/revoke`, {
    method: 'POST',
    body: JSON.stringify({ userName }),
  });
  expect(response.ok, `the sandbox did not revoke ${userName}`).toBe(true);
}

export async function clearFaults(harness: AppHarness): Promise<void> {
  const response = await fetch(`${harness.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  expect(response.ok).toBe(true);
}

/** The BMS call a cell faults: `METHOD /path/template` as the sandbox's stats name it. */
export interface FaultTarget {
  method: string;
  path: string;
}

export function endpointOf(target: FaultTarget): string {
  return `${target.method} ${target.path}`;
}

/**
 * Starts a cell: fresh sandbox data, a fresh login of `user` (password remembered), and the
 * index of the first Slack call the cell makes, for `userTextsSince`.
 */
export async function beginCell(
  harness: AppHarness,
  user: string,
  bmsUser: SandboxUser = SANDBOX_USERS.jane,
): Promise<number> {
  harness.sandbox.reset();
  await harness.loginAs(user, bmsUser, true);
  return harness.fake.calls.length;
}

/**
 * Applies a column to the target call. Sandbox faults stay until cleared (`times: 0`), so a read's
 * retries meet them too and a repeated write shows in the stats. `revoked` ends the user's tokens
 * now: call it between the flow's start and the request that should meet it.
 */
export async function applyColumn(
  harness: AppHarness,
  column: FaultColumn,
  target: FaultTarget,
  bmsUser: SandboxUser = SANDBOX_USERS.jane,
): Promise<void> {
  if (column === 'revoked') {
    await revokeTokens(harness, bmsUser.userName);
    return;
  }
  if (column === 'timeout-once') {
    await harness.bmsFault({ fault: 'timeout', method: target.method, path: target.path, times: 1 });
    return;
  }
  await harness.bmsFault({ fault: column, method: target.method, path: target.path, times: 0 });
}

/** Returns the strings a Slack user reads in a message, view or submission ack: text objects, fallback text and field errors. */
export function visibleTexts(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const object = node as Json;
    if (typeof object.text === 'string' && (object.type === 'mrkdwn' || object.type === 'plain_text')) {
      found.push(object.text);
      return;
    }
    if (key === 'errors') for (const error of Object.values(object)) found.push(String(error));
    for (const [childKey, child] of Object.entries(object)) {
      // Button values and private metadata travel back to the app; the user never reads them.
      if (childKey === 'value' || childKey === 'private_metadata' || childKey === 'state') continue;
      if (childKey === 'text' && typeof child === 'string') {
        found.push(child);
        continue;
      }
      walk(child, childKey);
    }
  };
  walk(value);
  return found;
}

const USER_FACING_METHODS = new Set([
  'response_url',
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'views.open',
  'views.update',
  'views.push',
  'views.publish',
]);

/** Every text the app showed through Slack since the call index `mark`. */
export function userTextsSince(harness: AppHarness, mark: number): string[] {
  return harness.fake.calls
    .slice(mark)
    .filter((call: FakeSlackCall) => USER_FACING_METHODS.has(call.method))
    .flatMap((call) => visibleTexts(call.args));
}

/** Checks every text of the cell, the acks of submissions included. */
export function expectCellReadable(
  harness: AppHarness,
  mark: number,
  where: string,
  acks: unknown[] = [],
): void {
  const texts = [...userTextsSince(harness, mark), ...acks.flatMap((ack) => visibleTexts(ack))];
  for (const text of texts) expectReadable(text, where);
}

/** Clears the faults and checks that the app still replies to a ticket command with the card. */
export async function expectStillServing(harness: AppHarness, user: string): Promise<void> {
  await clearFaults(harness);
  const { reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user });
  expect((reply.blocks as Json[] | undefined)?.[0]?.block_id, 'the app stopped serving').toBe(
    `ticket_card_${MATRIX_TICKET_ID}`,
  );
}

/** Requests of one endpoint since `before`. */
export async function servedSince(
  harness: AppHarness,
  before: Record<string, number>,
  endpoint: string,
): Promise<number> {
  const after = await harness.bmsStats();
  return (after[endpoint] ?? 0) - (before[endpoint] ?? 0);
}
