import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { type BmsError, isBmsError } from '../src/bms/errors.ts';
import type { Ticket } from '../src/bms/index.ts';
import { assignTicket, buildPatchOperation, getTicket, patchTicket } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import { type IdentityPayload, identityOf } from '../src/slack/identity.ts';
import type { ViewSubmissionArgs } from '../src/slack/registry.ts';
import type { UserContext, UserRequest } from '../src/slack/run-as-user.ts';
import { buildKeptTextMessage } from '../views/notice-message.ts';
import { ASSIGN_MODAL } from '../views/ticket-actions-assign.ts';
import { NOTE_FORM } from '../views/ticket-actions-note.ts';
import { STATUS_MODAL } from '../views/ticket-actions-status.ts';
import { readJsonValue } from './action-values.ts';
import { type CardLocation, cardLocationSchema, updateCard } from './card-update.ts';
import { FormValues } from './form-values.ts';
import { addNoteOrKeep } from './note-retry.ts';
import { replyTo } from './reply.ts';
import { defineUserOperation } from './user-operation.ts';

/**
 * The submissions of the card's forms. Each is acked at once (closing the modal) unless a field
 * needs correcting, then runs as the user who submitted it and replaces the card with the
 * ticket's new state.
 */

/** Reads the card a form belongs to from the form's private_metadata. */
export function cardOfForm(view: ViewOutput): CardLocation {
  return cardLocationSchema.parse(readJsonValue(view.private_metadata, 'form').card);
}

/** Builds the submitter's UserRequest: messages in place go to the card's response URL, or by DM. */
export function formRequest(deps: SlackDeps, body: IdentityPayload, card: CardLocation): UserRequest {
  const identity = identityOf(body);
  const respondTo = { responseUrl: card.responseUrl };
  return { identity, respondTo, reply: replyTo(deps, identity, respondTo) };
}

export const changeStatus = defineUserOperation(
  'card.status',
  z.object({ card: cardLocationSchema, statusId: z.number().int().positive() }),
  async (deps, user, { card, statusId }) => {
    const ticket = await patchTicket(user.context, card.ticketId, [
      buildPatchOperation('/StatusId', String(statusId)),
    ]);
    const status = ticket.StatusName ?? `status ${statusId}`;
    await updateCard(deps, user, card, ticket, `Status changed to ${status} by ${user.session.bmsUserName}.`);
  },
);

export const assignFromCard = defineUserOperation(
  'card.assign',
  z.object({
    card: cardLocationSchema,
    details: z.string().min(1),
    typeId: z.number().int().nonnegative(),
    statusId: z.number().int().positive(),
    assigneeId: z.number().int().positive().optional(),
    queueId: z.number().int().positive().optional(),
    isInternal: z.boolean(),
  }),
  async (deps, user, payload) => {
    let ticket: Ticket;
    try {
      ticket = await assignTicket(user.context, payload.card.ticketId, {
        Details: payload.details,
        TypeId: payload.typeId,
        StatusId: payload.statusId,
        AssigneeId: payload.assigneeId,
        QueueId: payload.queueId,
        IsInternal: payload.isInternal,
      });
    } catch (error) {
      if (!isBmsError(error)) throw error;
      // The form is closed by now: the note typed for the assignment goes back with the reason.
      await replyAssignFailed(deps, user, payload.card, payload.details, error);
      return;
    }
    const to = [ticket.AssigneeName, ticket.QueueName ? `queue ${ticket.QueueName}` : undefined]
      .filter(Boolean)
      .join(', ');
    await updateCard(
      deps,
      user,
      payload.card,
      ticket,
      `Assigned to ${to || 'the new owner'} by ${user.session.bmsUserName}.`,
    );
  },
);

async function replyAssignFailed(
  deps: SlackDeps,
  user: UserContext,
  card: CardLocation,
  details: string,
  error: BmsError,
): Promise<void> {
  deps.logger.warn('Assigning a ticket from its card failed in BMS', {
    team: user.identity.teamId,
    user: user.identity.userId,
    ticketId: card.ticketId,
    kind: error.kind,
  });
  // A lost response may hide a completed assignment, so the user is told to check before trying again.
  const unsure = error.kind === 'transport' || error.kind === 'server' || error.kind === 'protocol';
  const reason = `${describeError(error)}${unsure ? ' BMS may have assigned it anyway: check the ticket before you try again.' : ''}`;
  const reply = replyTo(deps, user.identity, { responseUrl: card.responseUrl });
  await reply(
    buildKeptTextMessage({
      opening: `Ticket ${card.ticketId} was not assigned.`,
      reason,
      label: 'Your note for the assignment:',
      text: details,
    }),
  );
}

export const addNoteFromCard = defineUserOperation(
  'card.note',
  z.object({
    card: cardLocationSchema,
    details: z.string().min(1),
    typeId: z.number().int().nonnegative(),
    isPublic: z.boolean(),
    noteDate: z.string().optional(),
  }),
  async (deps, user, payload) => {
    const { card } = payload;
    const request = {
      details: payload.details,
      type: payload.typeId,
      isPublic: payload.isPublic,
      noteDate: payload.noteDate,
    };
    const reply = replyTo(deps, user.identity, { responseUrl: card.responseUrl });
    const note = await addNoteOrKeep(deps, user, { ticketId: card.ticketId, request, card }, reply);
    if (!note) return;
    const ticket = await getTicket(user.context, { kind: 'id', id: card.ticketId });
    await updateCard(deps, user, card, ticket, `Note ${note.Id} added by ${user.session.bmsUserName}.`);
  },
);

export async function submitStatus(deps: SlackDeps, { ack, body, view }: ViewSubmissionArgs): Promise<void> {
  const card = cardOfForm(view);
  const statusId = new FormValues(view).id(STATUS_MODAL.block, STATUS_MODAL.action);
  if (statusId === undefined) {
    await ack({ response_action: 'errors', errors: { [STATUS_MODAL.block]: 'Choose the new status.' } });
    return;
  }
  await ack();
  await changeStatus.start(deps, formRequest(deps, body, card), { card, statusId });
}

export async function submitAssign(deps: SlackDeps, { ack, body, view }: ViewSubmissionArgs): Promise<void> {
  const card = cardOfForm(view);
  const values = new FormValues(view);
  const field = (block: string) => values.id(block, ASSIGN_MODAL.action);
  const payload = {
    card,
    details: values.text(ASSIGN_MODAL.details, ASSIGN_MODAL.action),
    typeId: field(ASSIGN_MODAL.noteType),
    statusId: field(ASSIGN_MODAL.status),
    assigneeId: field(ASSIGN_MODAL.assignee),
    queueId: field(ASSIGN_MODAL.queue),
    isInternal: values
      .options(ASSIGN_MODAL.internal, ASSIGN_MODAL.action)
      .includes(ASSIGN_MODAL.internalOption),
  };

  const errors: Record<string, string> = {};
  if (payload.assigneeId === undefined && payload.queueId === undefined)
    errors[ASSIGN_MODAL.assignee] = 'Choose an assignee, a queue or both.';
  if (payload.details === '')
    errors[ASSIGN_MODAL.details] = 'Say why the ticket is assigned; BMS keeps it as a note.';
  if (payload.typeId === undefined) errors[ASSIGN_MODAL.noteType] = 'Choose the note type.';
  if (payload.statusId === undefined) errors[ASSIGN_MODAL.status] = 'Choose the status the ticket moves to.';
  if (Object.keys(errors).length > 0 || payload.typeId === undefined || payload.statusId === undefined) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  await ack();
  await assignFromCard.start(deps, formRequest(deps, body, card), {
    ...payload,
    typeId: payload.typeId,
    statusId: payload.statusId,
  });
}

export async function submitNote(deps: SlackDeps, { ack, body, view }: ViewSubmissionArgs): Promise<void> {
  const card = cardOfForm(view);
  const values = new FormValues(view);
  const details = values.text(NOTE_FORM.text, NOTE_FORM.action);
  const typeId = values.id(NOTE_FORM.type, NOTE_FORM.action);
  if (details === '' || typeId === undefined) {
    const errors: Record<string, string> = {};
    if (details === '') errors[NOTE_FORM.text] = 'The note is empty: type its text.';
    if (typeId === undefined) errors[NOTE_FORM.type] = 'Choose the note type.';
    await ack({ response_action: 'errors', errors });
    return;
  }
  await ack();
  await addNoteFromCard.start(deps, formRequest(deps, body, card), {
    card,
    details,
    typeId,
    isPublic: values.option(NOTE_FORM.visibility, NOTE_FORM.action) === NOTE_FORM.public,
    noteDate: values.dateTime(NOTE_FORM.date, NOTE_FORM.action),
  });
}
