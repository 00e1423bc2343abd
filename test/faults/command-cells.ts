import { expect } from 'vitest';
import type { Json } from '../fakes/slack-api.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { FAULT_SENTENCES, type FaultColumn } from './columns.ts';
import {
  applyColumn,
  beginCell,
  clearFaults,
  endpointOf,
  expectCellReadable,
  expectStillServing,
  type FaultTarget,
  servedSince,
} from './matrix-harness.ts';

/** One `/bms` command of the matrix: the line, the BMS call to fault, and what the user must see. */
export interface CommandRow {
  name: string;
  /** The text after `/bms`; a function when each column needs its own (an account whose locations are not cached yet). */
  line: string | ((column: FaultColumn) => string);
  target: FaultTarget;
  /** True when the target call changes BMS: it must reach BMS once per command. */
  isWrite?: boolean;
  /** The reply when nothing goes wrong (the revoked column renews the session and succeeds). */
  expectDone(reply: Json): void;
  /** Replies that differ from the column's usual sentence, such as a note kept with Retry. */
  expectFailure?: Partial<Record<FaultColumn, (reply: Json) => void>>;
  /** Runs before the column is applied, such as filling the cache the command then reloads. */
  prepare?(harness: AppHarness, user: string, column: FaultColumn): Promise<void>;
  /** The columns this row runs, when not its kind's usual ones. */
  columns?: readonly FaultColumn[];
  /** Most requests of the target a read may make: a paged list makes one per page. */
  maxServed?: number;
  /** True when the reply comes from the app's cache: every column gets it, without a call to the target. */
  isCached?: boolean;
  /** Counts what the write made in BMS (notes of a ticket, tickets with a title); it must grow by one at most. */
  countMade?(harness: AppHarness): Promise<number>;
}

/** Reads make at most this many requests against a fault that persists: the first and three retries. */
const MAX_READ_ATTEMPTS = 4;

/**
 * Runs one cell: a fresh sandbox and login, the column applied to the row's target call, and the
 * command through the real receiver. Then come the four checks: a readable and specific reply,
 * no input lost (the row's own expectations), no write repeated, and the app still serving.
 */
export async function runCommandCell(
  harness: AppHarness,
  user: string,
  row: CommandRow,
  column: FaultColumn,
): Promise<void> {
  const mark = await beginCell(harness, user);
  await row.prepare?.(harness, user, column);
  const madeBefore = await row.countMade?.(harness);
  const before = await harness.bmsStats();
  await applyColumn(harness, column, row.target);

  const line = typeof row.line === 'string' ? row.line : row.line(column);
  const { reply } = await bms(harness, line, { user });
  await clearFaults(harness);

  const where = `${row.name} × ${column}`;
  expectCellReadable(harness, mark, where);
  const own = row.expectFailure?.[column];
  if (own) own(reply);
  else if (row.isCached) row.expectDone(reply);
  else if (column === 'revoked' || column === 'timeout-once') row.expectDone(reply);
  else if (column === 'lost-reply') expect(messageText(reply), where).toMatch(FAULT_SENTENCES.timeout);
  else expect(messageText(reply), where).toMatch(FAULT_SENTENCES[column]);

  const served = await servedSince(harness, before, endpointOf(row.target));
  if (row.isCached) {
    expect(served, `${where}: a cached answer called BMS`).toBe(0);
  } else if (row.isWrite) {
    // A revoked token is refused before BMS does anything; the one repeat after the renewal is safe.
    expect(served, `${where}: requests of ${endpointOf(row.target)}`).toBe(column === 'revoked' ? 2 : 1);
  } else {
    // The request that timed out, then the retry that succeeded.
    if (column === 'timeout-once') expect(served, `${where}: a retried read`).toBeGreaterThanOrEqual(2);
    expect(served, `${where}: requests of ${endpointOf(row.target)}`).toBeLessThanOrEqual(
      row.maxServed ?? MAX_READ_ATTEMPTS,
    );
  }
  if (row.countMade && madeBefore !== undefined) {
    const made = (await row.countMade(harness)) - madeBefore;
    const expected = column === 'revoked' || column === 'lost-reply' ? 1 : 0;
    expect(made, `${where}: items made in BMS`).toBe(expected);
  }

  await expectStillServing(harness, user);
}
