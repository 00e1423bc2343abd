import { performance } from 'node:perf_hooks';
import { Shortcuts } from '../../src/slack/ids.ts';
import type { FakeView } from '../../test/fakes/slack-api.ts';
import { keystrokesFor, pickWord } from '../keystrokes.ts';
import {
  actorOf,
  type FlowContext,
  FlowFailure,
  FlowMissing,
  NOT_AVAILABLE,
  pause,
  timed,
  waitForForm,
  waitForOpenedView,
} from './flow.ts';
import { submitForm } from './submit.ts';
import { findElement, type OptionChoice, requestOptions } from './view-form.ts';

/** Pause between two keystrokes in the account dropdown, in ms: a quick typist. */
const KEYSTROKE_PAUSE_MS = 150;

/**
 * Creates a ticket from the create-ticket shortcut. It opens the form and types the first letters
 * of a customer into the account dropdown, one options request per keystroke. It then picks the
 * first match (a block action that changes the location list) and submits the form.
 */
export async function createTicket(context: FlowContext, word = pickWord(context.random())): Promise<void> {
  const { view, account } = await openTicketForm(context);
  const offered = await typeAccount(context, view, account.actionId, word);
  await chooseAccount(context, view.id, firstOf(offered));
  // The form requires a queue or an assignee; a technician sends new tickets to a queue.
  await submitForm(context, view.id, /Created /, [], [/queue/i]);
}

export function firstOf(offered: readonly OptionChoice[]): OptionChoice {
  const first = offered[0];
  if (!first) throw new FlowFailure('the account dropdown offered nothing for the typed letters');
  return first;
}

/** Opens the ticket form with the global shortcut; returns the filled form and its account dropdown. */
export async function openTicketForm(context: FlowContext) {
  const started = performance.now();
  const shortcut = await timed(context, 'shortcut', () =>
    context.driver.globalShortcut(Shortcuts.createTicket, actorOf(context, 'shortcut')),
  );
  const opened = await waitForOpenedView(context, shortcut.triggerId, started);
  if (NOT_AVAILABLE.test(JSON.stringify(opened.view)))
    throw new FlowMissing('the create-ticket shortcut opens the "not available yet" notice');
  const view = await waitForForm(context, opened.id, hasAccountDropdown, 'the ticket form');
  context.samples.formsReady.push(performance.now() - started);
  const account = findElement(view, /account/i, ['external_select']);
  if (!account) throw new FlowFailure('the ticket form has no account dropdown (an external select)');
  return { view, account };
}

function hasAccountDropdown(view: FakeView): boolean {
  return findElement(view, /account/i, ['external_select']) !== undefined;
}

/** Types the first letters of `word` into the account dropdown; returns the options of the last keystroke that found any. */
export async function typeAccount(
  context: FlowContext,
  view: FakeView,
  actionId: string,
  word: string,
): Promise<OptionChoice[]> {
  let offered: OptionChoice[] = [];
  for (const query of keystrokesFor(word)) {
    // Block ids may change while the form is open, so each keystroke reads the current view.
    const current = context.fake.findView(view.id) ?? view;
    const element = findElement(current, new RegExp(`^${actionId}$`));
    if (!element) throw new FlowFailure(`the account dropdown ${actionId} disappeared from the form`);
    const options = await requestOptions(context, view.id, element, query);
    // When the latest letter matches nothing, a person picks from the previous letter's list.
    if (options.length > 0) offered = options;
    await pause(KEYSTROKE_PAUSE_MS);
  }
  return offered;
}

/** Picks `chosen` in the account dropdown and waits for the form to show that account's locations. */
export async function chooseAccount(
  context: FlowContext,
  viewId: string,
  chosen: OptionChoice,
): Promise<void> {
  const current = context.fake.findView(viewId);
  const account = current && findElement(current, /account/i, ['external_select']);
  if (!current || !account) throw new FlowFailure('the ticket form closed before an account was chosen');
  const since = Date.now();
  await timed(context, 'action', () =>
    context.driver.blockAction(
      { viewId, actionId: account.actionId, blockId: account.blockId, value: chosen },
      actorOf(context, 'action'),
    ),
  );
  // The app updates the form with the chosen account's locations.
  const update = await context.fake.waitForCall(
    'views.update',
    (call) => call.at >= since && call.args.view_id === viewId,
    context.waitMs,
  );
  if (update.result.ok !== true) throw new FlowFailure(`views.update failed: ${String(update.result.error)}`);
}
