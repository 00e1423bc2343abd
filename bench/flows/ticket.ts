import { performance } from 'node:perf_hooks';
import { actorOf, type FlowContext, FlowFailure, FlowMissing, NOT_AVAILABLE, textOf, timed } from './flow.ts';

/**
 * Sandbox tickets the lookups pick from: plain ones, past the tickets with hostile titles and the
 * one of the restricted account near the start of the seeded range (10001..15000).
 */
const FIRST_TICKET_ID = 11_000;
const TICKET_ID_RANGE = 4_000;

export function pickTicketId(random: () => number): number {
  return FIRST_TICKET_ID + Math.floor(random() * TICKET_ID_RANGE);
}

/** `/bms ticket N`: records the ack, and the time until the answer reaches the response URL. */
export async function lookUpTicket(
  context: FlowContext,
  ticketId = pickTicketId(context.random),
): Promise<void> {
  const started = performance.now();
  const result = await timed(context, 'command', () =>
    context.driver.command('/bms', `ticket ${ticketId}`, actorOf(context, 'command')),
  );
  const responseId = result.responseUrl?.split('/').at(-1);
  const post = await context.fake.waitForCall(
    'response_url',
    (call) => call.args.response_url_id === responseId,
    context.waitMs,
  );
  const elapsed = performance.now() - started;

  const text = textOf(post.args);
  if (NOT_AVAILABLE.test(text)) throw new FlowMissing('`/bms ticket` answers that it is not available yet');
  if (post.result.ok !== true) throw new FlowFailure(`the answer was rejected: ${String(post.result.error)}`);
  if (!text.includes(String(ticketId)) && !/T\d{8}\.\d{4}/.test(text))
    throw new FlowFailure(
      `the answer names neither ticket ${ticketId} nor a ticket number: ${text.slice(0, 200)}`,
    );
  context.samples.answers.push(elapsed);
}
