import type { ActionValue } from '../../test/fakes/slack-interaction.ts';
import { actorOf, type FlowContext, FlowFailure, timed } from './flow.ts';
import { fillForm } from './view-form.ts';

/** Fills the form's empty required fields (and the `presets` and `alsoFill` ones), submits it, and checks that Slack accepted the ack. */
export async function submitForm(
  context: FlowContext,
  viewId: string,
  presets: readonly { pattern: RegExp; value: ActionValue }[],
  alsoFill: readonly RegExp[] = [],
): Promise<void> {
  const view = context.fake.findView(viewId);
  if (!view?.open) throw new FlowFailure('the form closed before it was submitted');
  const values = await fillForm(context, view, presets, alsoFill);
  const submitted = await timed(context, 'view_submission', () =>
    context.driver.submitView(viewId, values, actorOf(context, 'view_submission')),
  );
  if (submitted.outcome === 'errors')
    throw new FlowFailure(`the app rejected the form: ${JSON.stringify(submitted.errors)}`);
  if (submitted.outcome === 'failed') throw new FlowFailure(`Slack rejected the ack: ${submitted.failure}`);
}
