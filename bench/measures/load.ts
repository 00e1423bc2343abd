import type { BenchHarness } from '../harness.ts';
import type { Operation, OperationMix } from '../options.ts';
import { ACK_KINDS, type AckKind, type Samples } from '../samples.ts';
import { type Spread, spreadOf } from '../stats.ts';
import { runLoad } from '../technicians.ts';

export interface LoadFigures {
  /** Ack time per kind of request, at the driver: from sending the signed request to the end of the HTTP response. */
  acks: Record<AckKind, Spread>;
  /** `/bms ticket`: from sending the command to the result's arrival at the response URL. */
  answer: Spread;
  /** Shortcuts: from sending the shortcut to `views.open` arriving at the fake Slack. */
  modalOpen: Spread;
  /** Shortcuts: from sending the shortcut to the form being filled in with its lists. */
  formReady: Spread;
  completed: Record<Operation, number>;
  missing: Partial<Record<Operation, string>>;
  failures: Partial<Record<Operation, { count: number; examples: string[] }>>;
}

export function summarize(samples: Samples): LoadFigures {
  const acks = Object.fromEntries(ACK_KINDS.map((kind) => [kind, spreadOf(samples.acks[kind])])) as Record<
    AckKind,
    Spread
  >;
  return {
    acks,
    answer: spreadOf(samples.answers),
    modalOpen: spreadOf(samples.modalOpens),
    formReady: spreadOf(samples.formsReady),
    completed: { ...samples.completed },
    missing: Object.fromEntries(samples.missing),
    failures: Object.fromEntries(samples.failures),
  };
}

/** Runs the technicians for one load phase and summarizes what they recorded. */
export async function measureLoad(
  harness: BenchHarness,
  options: {
    userIds: readonly string[];
    durationMs: number;
    thinkMs: number;
    mix: OperationMix;
    waitMs: number;
    seed: number;
  },
): Promise<LoadFigures> {
  return summarize(await runLoad(harness, options));
}
