import { performance } from 'node:perf_hooks';
import type { FakeSlackApi, FakeView } from '../../test/fakes/slack-api.ts';
import type { ActorOptions, DriverResult, SlackDriver } from '../../test/fakes/slack-driver.ts';
import { KIND_HEADER } from '../processes/server-acks.ts';
import type { AckKind, Samples } from '../samples.ts';

/** The context of one simulated technician: the driver, the fake Slack it reads results from, and its samples. */
export interface FlowContext {
  driver: SlackDriver;
  fake: FakeSlackApi;
  userId: string;
  samples: Samples;
  /** Returns a number in [0, 1); seeded per technician so that runs repeat. */
  random: () => number;
  /** Maximum wait for a follow-up call of the app (a response URL post, views.open), in ms. */
  waitMs: number;
}

/** Error raised when the app replies with its "not available in this version yet" placeholder: the flow is not built. */
export class FlowMissing extends Error {
  override name = 'FlowMissing';
}

/** Error raised when the flow ran but the app did not do what a user expects. */
export class FlowFailure extends Error {
  override name = 'FlowFailure';
}

/** The placeholder sentence of commands and shortcuts that are not built yet. */
export const NOT_AVAILABLE = /not available in this version yet/i;

/**
 * The actor of a request: the technician, and a header naming the kind of request so that the
 * app process can time it too (processes/server-acks.ts).
 * NOTE: the driver passes these options on to its `send`, which adds `headers` to the request.
 * The driver's option types do not declare `headers`, so Object.assign builds the object.
 */
export function actorOf(context: FlowContext, kind: AckKind): ActorOptions {
  return Object.assign({ user: context.userId }, { headers: { [KIND_HEADER]: kind } });
}

/** Sends one signed request and records its ack time; a status other than 200 is a failure. */
export async function timed<Result extends DriverResult>(
  context: FlowContext,
  kind: AckKind,
  send: () => Promise<Result>,
): Promise<Result> {
  const started = performance.now();
  const result = await send();
  context.samples.ack(kind, performance.now() - started);
  if (result.status !== 200) throw new FlowFailure(`the app acked the ${kind} with HTTP ${result.status}`);
  return result;
}

/** Waits for the modal that a shortcut's trigger id opens and records how long it took. */
export async function waitForOpenedView(
  context: FlowContext,
  triggerId: string | undefined,
  startedAt: number,
): Promise<FakeView> {
  const call = await context.fake.waitForCall(
    'views.open',
    (candidate) => candidate.args.trigger_id === triggerId,
    context.waitMs,
  );
  context.samples.modalOpens.push(performance.now() - startedAt);
  if (call.result.ok !== true) throw new FlowFailure(`views.open failed: ${String(call.result.error)}`);
  const viewId = (call.result.view as { id?: unknown } | undefined)?.id;
  const view = typeof viewId === 'string' ? context.fake.findView(viewId) : undefined;
  if (!view) throw new FlowFailure('views.open returned no view');
  return view;
}

/**
 * Waits until the open view `viewId` satisfies `isReady`. Forms open with a loading text (the
 * trigger id lives 3 s) and are filled by a later `views.update`; this waits for those updates.
 */
export async function waitForForm(
  context: FlowContext,
  viewId: string,
  isReady: (view: FakeView) => boolean,
  describe: string,
): Promise<FakeView> {
  const started = performance.now();
  for (;;) {
    const view = context.fake.findView(viewId);
    if (!view?.open) throw new FlowFailure(`the modal closed before ${describe}`);
    if (isReady(view)) return view;
    const remaining = context.waitMs - (performance.now() - started);
    if (remaining <= 0)
      throw new FlowFailure(`timed out waiting for ${describe}: ${JSON.stringify(view.view).slice(0, 300)}`);
    const seen = view.updates;
    await context.fake.waitForCall(
      'views.update',
      (call) => call.args.view_id === viewId && (context.fake.findView(viewId)?.updates ?? 0) > seen,
      remaining,
    );
  }
}

/** Serializes a Slack message body, blocks included, to JSON text for matching sentences in it. */
export function textOf(body: unknown): string {
  return JSON.stringify(body ?? '');
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
