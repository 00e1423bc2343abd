import { describe, expect, it } from 'vitest';
import type { FakeSlackCall, Json } from '../fakes/slack-api.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { FAULT_SENTENCES, type FaultColumn, READ_COLUMNS, WRITE_COLUMNS } from './columns.ts';
import {
  beginCell,
  clearFaults,
  endpointOf,
  expectCellReadable,
  expectStillServing,
  type FaultTarget,
  servedSince,
} from './matrix-harness.ts';

/**
 * Rows of the matrix that are driven by buttons, forms and events rather than one command: each
 * row runs its own steps and applies the column at the moment that matters.
 */
export interface FlowRow {
  name: string;
  target: FaultTarget;
  isWrite: boolean;
  /** Runs the flow, applying the column where it belongs; returns what the user read last and the acks. */
  run(column: FaultColumn): Promise<{ answer: string; acks: unknown[] }>;
  /** The reply when BMS works (the revoked column renews the session and succeeds). */
  expectDone(answer: string): void;
  /** The reply under a fault, when it is more than the column's sentence (typed text given back). */
  expectFailure?(answer: string, column: FaultColumn): void;
  /** Requests of the target the flow makes before the fault is applied, such as the card shown first. */
  servedBefore?: number;
}

/** Reads make at most this many requests against a fault that persists: the first and three retries. */
const MAX_READ_ATTEMPTS = 4;

/** Returns the user's sentence for a column; a lost reply reads as a timeout. */
export function sentenceOf(column: FaultColumn): RegExp {
  if (column === 'lost-reply' || column === 'revoked' || column === 'timeout-once')
    return FAULT_SENTENCES.timeout;
  return FAULT_SENTENCES[column];
}

/** Declares one `describe` per row and one test per column: write rows also get the lost reply. */
export function describeFlowRows(
  group: string,
  rows: FlowRow[],
  context: () => { harness: AppHarness; user: string },
): void {
  for (const row of rows) {
    const columns = row.isWrite ? WRITE_COLUMNS : READ_COLUMNS;
    describe(`${group} ${row.name}`, () => {
      it.each(columns)('× %s', async (column) => {
        const { harness, user } = context();
        await runFlowCell(harness, user, `${group} ${row.name} × ${column}`, row, column);
      });
    });
  }
}

async function runFlowCell(
  harness: AppHarness,
  user: string,
  where: string,
  row: FlowRow,
  column: FaultColumn,
): Promise<void> {
  const mark = await beginCell(harness, user);
  const before = await harness.bmsStats();
  const { answer, acks } = await row.run(column);
  await clearFaults(harness);
  expectCellReadable(harness, mark, where, acks);

  if (column === 'revoked' || column === 'timeout-once') row.expectDone(answer);
  else if (row.expectFailure) row.expectFailure(answer, column);
  else expect(answer, where).toMatch(sentenceOf(column));

  const served = (await servedSince(harness, before, endpointOf(row.target))) - (row.servedBefore ?? 0);
  // A revoked token is refused before BMS does anything; the one repeat after the renewal is safe.
  if (row.isWrite) {
    expect(served, `${where}: writes`).toBe(column === 'revoked' ? 2 : 1);
  } else {
    // The request that timed out, then the retry that succeeded.
    if (column === 'timeout-once') expect(served, `${where}: a retried read`).toBeGreaterThanOrEqual(2);
    expect(served, `${where}: reads`).toBeLessThanOrEqual(MAX_READ_ATTEMPTS + (column === 'revoked' ? 1 : 0));
  }
  await expectStillServing(harness, user);
}

/**
 * Waits for the first reply after the call index `since`: a post to the response URL, or a DM
 * to the user when the reply comes after the form closed.
 */
export async function answerAfter(
  harness: AppHarness,
  user: string,
  responseUrl: string | undefined,
  since: number,
): Promise<Json> {
  const urlId = responseUrl?.split('/').at(-1);
  const dmChannel = `D${user.slice(1)}`;
  const isNew = (candidate: FakeSlackCall) => harness.fake.calls.indexOf(candidate) >= since;
  const call = await Promise.any([
    harness.fake.waitForCall(
      'response_url',
      (candidate) => isNew(candidate) && candidate.args.response_url_id === urlId,
    ),
    harness.fake.waitForCall(
      'chat.postMessage',
      (candidate) => isNew(candidate) && candidate.args.channel === dmChannel,
    ),
  ]);
  return call.args;
}
