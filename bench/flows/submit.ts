import type { ActionValue } from '../../test/fakes/slack-interaction.ts';
import { actorOf, type FlowContext, FlowFailure, timed } from './flow.ts';
import { fillForm } from './view-form.ts';

/**
 * Fills the form's empty required fields (and the `presets` and `alsoFill` ones), submits it,
 * checks that Slack accepted the ack, then waits for the result the app shows in the view after
 * the ack and checks that it matches `done`.
 */
export async function submitForm(
  context: FlowContext,
  viewId: string,
  done: RegExp,
  presets: readonly { pattern: RegExp; value: ActionValue }[],
  alsoFill: readonly RegExp[] = [],
): Promise<void> {
  const view = context.fake.findView(viewId);
  if (!view?.open) throw new FlowFailure('the form closed before it was submitted');
  const values = await fillForm(context, view, presets, alsoFill);
  const since = context.fake.calls.length;
  const submitted = await timed(context, 'view_submission', () =>
    context.driver.submitView(viewId, values, actorOf(context, 'view_submission')),
  );
  if (submitted.outcome === 'errors')
    throw new FlowFailure(`the app rejected the form: ${JSON.stringify(submitted.errors)}`);
  if (submitted.outcome === 'failed') throw new FlowFailure(`Slack rejected the ack: ${submitted.failure}`);

  // The app acks with a progress view at once and shows BMS's result with views.update.
  const result = await context.fake.waitForCall(
    'views.update',
    (call) => call.args.view_id === viewId && context.fake.calls.indexOf(call) >= since,
    context.waitMs,
  );
  const resultView = JSON.stringify(result.args.view ?? {});
  if (result.result.ok !== true) throw new FlowFailure(`views.update failed: ${String(result.result.error)}`);
  if (!done.test(resultView)) throw new FlowFailure(`the form showed no result: ${resultView.slice(0, 300)}`);
}
