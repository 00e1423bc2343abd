import type { Operation } from './options.ts';

/** Kinds of request Slack sends, each acked separately: the ack time is what the user waits for. */
export const ACK_KINDS = ['command', 'shortcut', 'options', 'action', 'view_submission'] as const;
export type AckKind = (typeof ACK_KINDS)[number];

/** Most failures kept word for word per flow; the rest are only counted. */
const KEPT_FAILURES = 5;

/** Timings and outcomes that simulated technicians record during one load phase, in ms. */
export class Samples {
  readonly acks: Record<AckKind, number[]> = {
    command: [],
    shortcut: [],
    options: [],
    action: [],
    view_submission: [],
  };
  /** From sending `/bms ticket` to the fake Slack receiving the answer on the response URL. */
  readonly answers: number[] = [];
  /** From sending a shortcut to the fake Slack receiving `views.open`. */
  readonly modalOpens: number[] = [];
  /** From sending a shortcut to the form being filled in (its lists loaded), which may take a views.update. */
  readonly formsReady: number[] = [];
  readonly completed: Record<Operation, number> = { ticket: 0, create: 0, note: 0 };
  /** Why each flow is missing from the app, for flows that answered with a placeholder. */
  readonly missing = new Map<Operation, string>();
  readonly failures = new Map<Operation, { count: number; examples: string[] }>();

  ack(kind: AckKind, ms: number): void {
    this.acks[kind].push(ms);
  }

  fail(operation: Operation, reason: string): void {
    const entry = this.failures.get(operation) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < KEPT_FAILURES && !entry.examples.includes(reason))
      entry.examples.push(reason);
    this.failures.set(operation, entry);
  }
}
