import type { types, webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { openUserContext } from '../src/slack/user-context.ts';
import { TICKET_FORM_FIELDS, type TicketFormValues } from '../views/create-ticket-modal.ts';
import { buildTicketCreatedModal } from '../views/create-ticket-modal-results.ts';
import { nextBlockId, type TicketFormState } from '../views/create-ticket-modal-state.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import { SLACK_LIMITS } from '../views/text-limits.ts';
import { deliverCreatedTicket } from './create-ticket-deliver.ts';
import { type TicketErrors, ticketErrorsAsText } from './create-ticket-errors.ts';
import { loadTicketForm, renderTicketForm } from './create-ticket-form.ts';
import type { CreateOutcome } from './create-ticket-run.ts';
import { showInView } from './show-in-view.ts';

const TITLE = 'Create BMS ticket';

export const WAITING_TEXT =
  'Sign in to BMS to finish: the app sent you a sign-in prompt by direct message. The ticket is created as soon as you are signed in, and its card is sent to you.';

/** A ticket form that was acked with the "Creating…" view and waits for its result. */
export interface TicketSubmission {
  viewId: string;
  identity: SlackIdentity;
  state: TicketFormState;
}

/**
 * Shows the create's outcome in place of the "Creating…" view. A created ticket also goes
 * where the form was started. When nothing was created, the form comes back with every value
 * the user entered and each reason under its field. When the user has closed the view, the
 * reasons and the typed text go where the form was started instead, so nothing is lost.
 */
export async function showCreateOutcome(
  deps: SlackDeps,
  client: webApi.WebClient,
  submission: TicketSubmission,
  outcome: CreateOutcome,
): Promise<void> {
  const { viewId, identity, state } = submission;
  const origin = state.metadata.origin;
  switch (outcome.kind) {
    case 'created': {
      const view = buildTicketCreatedModal(outcome.ticket, deps.config.bms.ticketUrl);
      await showInView(client, deps.logger, { viewId, identity, view });
      await deliverCreatedTicket(deps, identity, outcome.ticket, origin);
      return;
    }
    case 'waiting': {
      // The sign-in prompt went by DM already, so a closed view loses nothing here.
      const view = buildNoticeModal({ title: TITLE, text: WAITING_TEXT });
      await showInView(client, deps.logger, { viewId, identity, view });
      return;
    }
    case 'duplicate':
      return;
    case 'not_created': {
      const view = await restoredForm(deps, identity, state, outcome.errors);
      if (view && (await showInView(client, deps.logger, { viewId, identity, view }))) return;
      const text = `The ticket was not created. ${escapeMrkdwn(ticketErrorsAsText(outcome.errors))}${typedQuote(state.values)}`;
      await deliverResult(deps, identity, { responseUrl: origin.responseUrl }, { text });
    }
  }
}

/**
 * Builds the form again with the user's values and the reasons. Every block gets a new id, so
 * Slack shows the values given here, not the empty state of the "Creating…" view. Returns
 * undefined when neither the form nor a notice with the typed text fits in a view.
 */
async function restoredForm(
  deps: SlackDeps,
  identity: SlackIdentity,
  state: TicketFormState,
  errors: TicketErrors,
): Promise<types.ModalView | undefined> {
  for (const field of TICKET_FORM_FIELDS) state.blockIds[field] = nextBlockId(state.blockIds[field]);
  const notice = `The ticket was not created.${errors.general ? ` ${errors.general}` : ' Check the fields marked ⚠️.'}`;
  try {
    const user = await openUserContext(deps, identity);
    const loaded = await loadTicketForm(user.cache, deps.logger, state.values.account?.id);
    return renderTicketForm(state, loaded, { notice, fieldWarnings: errors.fields });
  } catch (error) {
    deps.logger.warn('Ticket form could not be restored after a failed create', {
      team: identity.teamId,
      user: identity.userId,
      error: error instanceof Error ? error.name : typeof error,
    });
    // Without the lists the form cannot be rebuilt; the text the user typed is shown so it is not lost.
    const text = `${escapeMrkdwn(`The ticket was not created. ${ticketErrorsAsText(errors)}`)}${typedQuote(state.values)}`;
    // A section takes 3,000 characters; longer text goes by message, which takes it whole.
    return text.length <= SLACK_LIMITS.sectionText ? buildNoticeModal({ title: TITLE, text }) : undefined;
  }
}

/**
 * Quotes the title and details the user typed, as mrkdwn, so a message can give them back. Whole,
 * not cut: a message's text takes 40,000 characters, and the two fields at most 3,250 before escaping.
 */
function typedQuote(values: TicketFormValues): string {
  const typed = [values.title, values.details].filter(Boolean).join('\n\n');
  return typed ? `\n\nWhat you typed:\n\`\`\`${escapeMrkdwn(typed)}\`\`\`` : '';
}
