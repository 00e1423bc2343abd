import { z } from 'zod';
import { getTicket } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { ActionArgs, ListenerRegistry } from '../src/slack/registry.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import { buildWaitingModal, LOADING_TEXT } from '../views/modal-parts.ts';
import { ASSIGN_MODAL } from '../views/ticket-actions-assign.ts';
import { NOTE_FORM } from '../views/ticket-actions-note.ts';
import { STATUS_MODAL } from '../views/ticket-actions-status.ts';
import { TICKET_CARD_ACTIONS } from '../views/ticket-card.ts';
import { actionValue, readIdValue } from './action-values.ts';
import { cardLocationOf, cardLocationSchema, cardTicketError, updateCard } from './card-update.ts';
import { LOGIN_FIRST_TEXT, updateModal } from './modal-update.ts';
import { CARD_FORMS, type CardForm, fillCardForm } from './ticket-card-actions-forms.ts';
import { registerNotesModal } from './ticket-card-actions-notes.ts';
import {
  addNoteFromCard,
  assignFromCard,
  changeStatus,
  submitAssign,
  submitNote,
  submitStatus,
} from './ticket-card-actions-submit.ts';
import { defineUserOperation } from './user-operation.ts';

/**
 * The buttons of the ticket card (views/ticket-actions.ts): Add note, Change status, Assign,
 * View notes and Refresh. Each acts as the Slack user who clicks it, with their own BMS
 * session, also on a card someone else shared in a channel, and each ends by replacing the card
 * with the ticket's new state.
 */

const refreshCard = defineUserOperation(
  'card.refresh',
  z.object({ card: cardLocationSchema }),
  async (deps, user, { card }) => {
    const ticket = await getTicket(user.context, { kind: 'id', id: card.ticketId }).catch(
      (error: unknown) => {
        throw cardTicketError(error, card.ticketId);
      },
    );
    await updateCard(deps, user, card, ticket, `Refreshed from BMS by ${user.session.bmsUserName}.`);
  },
);

/** Opens a card form with "Loading" at once, because a trigger id lives 3 s, then fills it from BMS. */
async function openCardForm(deps: SlackDeps, form: CardForm, args: ActionArgs): Promise<void> {
  const { body, client, respond } = args;
  const ticketId = readIdValue(actionValue(body), 'ticket');
  const opened = await client.views.open({
    trigger_id: body.trigger_id,
    view: buildWaitingModal(CARD_FORMS[form], LOADING_TEXT),
  });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open returned no view id.');
  const payload = { form, viewId, card: cardLocationOf(body, ticketId) };
  if (!(await fillCardForm.start(deps, userRequestFromInteraction(deps, body, respond), payload))) {
    await updateModal(deps, viewId, buildWaitingModal(CARD_FORMS[form], LOGIN_FIRST_TEXT));
  }
}

/** Registers every button of the ticket card, the forms they open and what those forms submit. */
export function registerTicketCardActions(registry: ListenerRegistry, deps: SlackDeps): void {
  for (const operation of [refreshCard, fillCardForm, changeStatus, assignFromCard, addNoteFromCard])
    operation.register();

  registry.action(TICKET_CARD_ACTIONS.refresh, async ({ body, respond }) => {
    const card = cardLocationOf(body, readIdValue(actionValue(body), 'ticket'));
    await refreshCard.start(deps, userRequestFromInteraction(deps, body, respond), { card });
  });
  registry.action(TICKET_CARD_ACTIONS.changeStatus, (args) => openCardForm(deps, 'status', args));
  registry.action(TICKET_CARD_ACTIONS.assign, (args) => openCardForm(deps, 'assign', args));
  registry.action(TICKET_CARD_ACTIONS.addNote, (args) => openCardForm(deps, 'note', args));

  registry.viewSubmission(STATUS_MODAL.callbackId, (args) => submitStatus(deps, args));
  registry.viewSubmission(ASSIGN_MODAL.callbackId, (args) => submitAssign(deps, args));
  registry.viewSubmission(NOTE_FORM.addCallbackId, (args) => submitNote(deps, args));

  registerNotesModal(registry, deps);
}
