import { chooseAccount, createTicket, firstOf, openTicketForm, typeAccount } from '../flows/create.ts';
import { type FlowContext, FlowMissing } from '../flows/flow.ts';
import { addNote } from '../flows/note.ts';
import { lookUpTicket } from '../flows/ticket.ts';
import type { BenchHarness } from '../harness.ts';
import { Samples } from '../samples.ts';
import { type CallCounts, callsDuring, diffCounts, settledStats } from './bms-stats.ts';

/** BMS requests of one operation by endpoint, or why they could not be counted. */
export type Counted = { calls: CallCounts } | { missing: string } | { failed: string };

export interface OperationCalls {
  /** `/bms ticket N` of a technician whose session and cache are warm. */
  lookup: Counted;
  /** Keystrokes of one word in the account dropdown when none of its prefixes is cached yet. */
  coldDropdown: Counted;
  /** Keystrokes in the account dropdown and a change of account, with the lists already cached. */
  warmDropdown: Counted;
  /** The whole create flow, from the shortcut to the confirmation, with the lists cached. */
  create: Counted;
  /** The whole note flow, from the message shortcut to the confirmation. */
  note: Counted;
  /** What a technician's first operation of the day adds: the login and the first lookup, minus a warm lookup. */
  sessionStart: Counted;
}

/** The word typed in the dropdown measurements: its first match is the account of the warm create. */
const DROPDOWN_WORD = 'keller';

async function counted(
  harness: BenchHarness,
  latencyMs: number,
  action: () => Promise<void>,
): Promise<Counted> {
  try {
    return { calls: await callsDuring(harness, latencyMs, action) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof FlowMissing ? { missing: message } : { failed: message };
  }
}

/**
 * Counts the BMS requests of each operation, one operation at a time with nothing else running,
 * by the sandbox's request counts before and after. `probe` is a technician who has already
 * worked, and `newcomer` one who has not logged in yet.
 */
export async function measureOperationCalls(
  harness: BenchHarness,
  options: { latencyMs: number; waitMs: number; probe: string; newcomer: string; userName: string },
): Promise<OperationCalls> {
  const { latencyMs } = options;
  const context = (userId: string): FlowContext => ({
    driver: harness.driver,
    fake: harness.fake,
    userId,
    samples: new Samples(),
    random: Math.random,
    waitMs: options.waitMs,
  });
  const probe = context(options.probe);

  const lookup = await counted(harness, latencyMs, () => lookUpTicket(probe));
  const coldDropdown = await countColdDropdown(harness, { ...options, probe });
  const warmDropdown = await countWarmDropdown(harness, latencyMs, probe);
  // The dropdown measurement cached the locations of the word's first account, which this create picks.
  const create = await counted(harness, latencyMs, () => createTicket(probe, DROPDOWN_WORD));
  const note = await counted(harness, latencyMs, () => addNote(probe));

  const newcomer = context(options.newcomer);
  const sessionStart = await counted(harness, latencyMs, async () => {
    await harness.app.call('login', {
      identities: [harness.identity(options.newcomer)],
      userName: options.userName,
    });
    await lookUpTicket(newcomer);
  });
  return {
    lookup,
    coldDropdown,
    warmDropdown,
    create,
    note,
    sessionStart: minusCalls(sessionStart, lookup),
  };
}

/**
 * Makes the probe's cached account searches stale, then types one word into the account dropdown
 * and counts its calls: for a large tenant, one name search per keystroke whose prefix no complete
 * cached result contains. The form is opened before the count, so its own lists are not in it.
 */
async function countColdDropdown(
  harness: BenchHarness,
  options: { latencyMs: number; probe: FlowContext; userName: string },
): Promise<Counted> {
  const { latencyMs, probe } = options;
  try {
    await harness.app.call('forgetAccountSearches', {
      identity: harness.identity(probe.userId),
      userName: options.userName,
    });
    const { view, account } = await openTicketForm(probe);
    const before = await settledStats(harness, latencyMs);
    await typeAccount(probe, view, account.actionId, DROPDOWN_WORD);
    const calls = diffCounts(before, await settledStats(harness, latencyMs));
    await probe.driver.closeView(view.id);
    return { calls };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof FlowMissing ? { missing: message } : { failed: message };
  }
}

/**
 * Types in the account dropdown and picks two accounts, which loads their locations, then does
 * the same again and counts only the second round: that one finds everything in the cache.
 */
async function countWarmDropdown(
  harness: BenchHarness,
  latencyMs: number,
  probe: FlowContext,
): Promise<Counted> {
  try {
    const { view, account } = await openTicketForm(probe);
    const offered = await typeAccount(probe, view, account.actionId, DROPDOWN_WORD);
    const first = firstOf(offered);
    const second = offered[1] ?? first;
    await chooseAccount(probe, view.id, first);
    await chooseAccount(probe, view.id, second);

    const before = await settledStats(harness, latencyMs);
    await typeAccount(probe, view, account.actionId, DROPDOWN_WORD);
    await chooseAccount(probe, view.id, first);
    const calls = diffCounts(before, await settledStats(harness, latencyMs));
    await probe.driver.closeView(view.id);
    return { calls };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof FlowMissing ? { missing: message } : { failed: message };
  }
}

function minusCalls(total: Counted, part: Counted): Counted {
  if (!('calls' in total)) return total;
  if (!('calls' in part)) return part;
  return { calls: diffCounts(part.calls, total.calls) };
}
