import { performance } from 'node:perf_hooks';
import { Shortcuts } from '../../src/slack/ids.ts';
import type { FakeView } from '../../test/fakes/slack-api.ts';
import {
  actorOf,
  type FlowContext,
  FlowMissing,
  NOT_AVAILABLE,
  timed,
  waitForForm,
  waitForOpenedView,
} from './flow.ts';
import { submitForm } from './submit.ts';
import { pickTicketId } from './ticket.ts';
import { findElement } from './view-form.ts';

const CHANNEL = 'C0GENERAL1';
const CUSTOMER = 'U0CUSTOMER';
const MESSAGE_TEXT = 'Restarted the print spooler; the printer is back online. Will check again tomorrow.';

/** Adds a channel message to a ticket as a note through the message shortcut, typing the ticket id. */
export async function addNote(context: FlowContext, ticketId = pickTicketId(context.random)): Promise<void> {
  const started = performance.now();
  const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(context.random() * 1e6)).padStart(6, '0')}`;
  const shortcut = await timed(context, 'shortcut', () =>
    context.driver.messageShortcut(
      Shortcuts.addNoteFromMessage,
      { ts, text: MESSAGE_TEXT, user: CUSTOMER },
      { ...actorOf(context, 'shortcut'), channel: CHANNEL },
    ),
  );
  const opened = await waitForOpenedView(context, shortcut.triggerId, started);
  if (NOT_AVAILABLE.test(JSON.stringify(opened.view)))
    throw new FlowMissing('the add-note shortcut opens the "not available yet" notice');
  const view = await waitForForm(context, opened.id, hasTicketField, 'the note form');
  context.samples.formsReady.push(performance.now() - started);
  await submitForm(context, view.id, /Added as a note to /, [
    { pattern: /ticket/i, value: String(ticketId) },
  ]);
}

function hasTicketField(view: FakeView): boolean {
  return findElement(view, /ticket/i, ['plain_text_input', 'external_select']) !== undefined;
}
