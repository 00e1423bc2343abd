import { performance } from 'node:perf_hooks';
import { createTicket } from './flows/create.ts';
import { type FlowContext, FlowMissing, pause } from './flows/flow.ts';
import { addNote } from './flows/note.ts';
import { lookUpTicket } from './flows/ticket.ts';
import type { BenchHarness } from './harness.ts';
import { OPERATIONS, type Operation, type OperationMix } from './options.ts';
import { Samples } from './samples.ts';

/** The flow that carries out each operation. */
export const FLOWS: Record<Operation, (context: FlowContext) => Promise<void>> = {
  ticket: lookUpTicket,
  create: createTicket,
  note: addNote,
};

/** Slack user ids of the simulated technicians: `U0BENCH0001` upward. */
export function technicianIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `U0BENCH${String(index + 1).padStart(4, '0')}`);
}

/** mulberry32: a small seeded generator, so that each run makes the same choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface LoadOptions {
  userIds: readonly string[];
  durationMs: number;
  thinkMs: number;
  mix: OperationMix;
  /** Longest wait for one follow-up call of the app, in ms. */
  waitMs: number;
  seed: number;
}

/** Runs one operation and records its outcome; a missing flow is remembered so that nobody picks it again. */
export async function runOperation(context: FlowContext, operation: Operation): Promise<boolean> {
  try {
    await FLOWS[operation](context);
    context.samples.completed[operation]++;
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof FlowMissing) context.samples.missing.set(operation, message);
    else context.samples.fail(operation, message);
    return false;
  }
}

function pickOperation(mix: OperationMix, samples: Samples, random: number): Operation | undefined {
  const available = OPERATIONS.filter((operation) => mix[operation] > 0 && !samples.missing.has(operation));
  const total = available.reduce((sum, operation) => sum + mix[operation], 0);
  let left = random * total;
  for (const operation of available) {
    left -= mix[operation];
    if (left < 0) return operation;
  }
  return available.at(-1);
}

/**
 * Lets every technician work until the duration is over: a pause (think time), an operation
 * picked by the mix, and again. Technicians start spread over one think time, and each finishes
 * the operation it is in when time runs out.
 */
export async function runLoad(harness: BenchHarness, options: LoadOptions): Promise<Samples> {
  const samples = new Samples();
  const deadline = performance.now() + options.durationMs;

  const technician = async (userId: string, index: number) => {
    const random = seededRandom(options.seed * 7919 + index);
    const context: FlowContext = {
      driver: harness.driver,
      fake: harness.fake,
      userId,
      samples,
      random,
      waitMs: options.waitMs,
    };
    await pause(random() * options.thinkMs);
    while (performance.now() < deadline) {
      const operation = pickOperation(options.mix, samples, random());
      if (!operation) return;
      await runOperation(context, operation);
      await pause(options.thinkMs * (0.5 + random()));
    }
  };

  await Promise.all(options.userIds.map(technician));
  return samples;
}
