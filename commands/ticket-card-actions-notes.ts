import type { BlockAction, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { type BmsError, isBmsError } from '../src/bms/errors.ts';
import { getTicket, listNotes, updateNote } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import { identityOf } from '../src/slack/identity.ts';
import type { ActionArgs, ListenerRegistry, ViewSubmissionArgs } from '../src/slack/registry.ts';
import type { UserContext, UserRequest } from '../src/slack/run-as-user.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import { buildWaitingModal, LOADING_TEXT } from '../views/modal-parts.ts';
import { buildKeptTextMessage } from '../views/notice-message.ts';
import { buildEditNoteModal, NOTE_FORM } from '../views/ticket-actions-note.ts';
import { buildNotesModal, NOTES_MODAL } from '../views/ticket-actions-notes.ts';
import { TICKET_CARD_ACTIONS } from '../views/ticket-card.ts';
import { actionValue, readIdValue, readJsonValue } from './action-values.ts';
import { cardLocationOf, cardLocationSchema, cardTicketError } from './card-update.ts';
import { FormValues } from './form-values.ts';
import { fillModal, LOGIN_FIRST_TEXT, updateModal } from './modal-update.ts';
import { replyTo } from './reply.ts';
import { noteTypesOf } from './resolve-names.ts';
import { defineUserOperation } from './user-operation.ts';

/**
 * The View notes modal of a ticket card: the notes newest first, ten a page, with Edit and
 * Delete under the user's own notes (CreatedBy is their BMS user id). Delete shows a confirmation
 * in the modal before it deletes. Edit opens a form on top, and saving it refreshes the list.
 */

const NOTES_TITLE = 'Notes';
const EDIT_TITLE = 'Edit note';
/** Slack's limit on a text input; a longer note cannot be edited here without losing its end. */
const EDITABLE_NOTE_MAX = 3000;

/** The notes modal's state in its private_metadata. */
const notesState = z.object({
  ticketId: z.number().int().positive(),
  page: z.number().int().positive(),
  card: cardLocationSchema.optional(),
});

const showPayload = notesState.extend({
  viewId: z.string().min(1),
  confirmingNoteId: z.number().int().positive().optional(),
  status: z.string().optional(),
});

type ShowPayload = z.infer<typeof showPayload>;

async function renderNotes(deps: SlackDeps, user: UserContext, payload: ShowPayload): Promise<void> {
  await fillModal(deps, payload.viewId, NOTES_TITLE, async () => {
    const [ticket, notes] = await Promise.all([
      getTicket(user.context, { kind: 'id', id: payload.ticketId }),
      listNotes(user.context, payload.ticketId),
    ]).catch((error: unknown) => {
      throw cardTicketError(error, payload.ticketId);
    });
    const state = { ticketId: payload.ticketId, page: payload.page, card: payload.card };
    return buildNotesModal({
      ticket,
      notes,
      page: payload.page,
      ownerId: user.bmsUserId,
      confirmingNoteId: payload.confirmingNoteId,
      status: payload.status,
      privateMetadata: JSON.stringify(state),
    });
  });
}

/** Shows a page of the notes, or the delete confirmation of one of them. */
const showNotes = defineUserOperation('card.notes', showPayload, renderNotes);

const deleteFromNotes = defineUserOperation(
  'card.notes.delete',
  showPayload.extend({ noteId: z.number().int().positive() }),
  async (deps, user, payload) => {
    const status = await deleteOwnNote(user, payload.ticketId, payload.noteId);
    const { noteId: _noteId, confirmingNoteId: _confirming, ...rest } = payload;
    await renderNotes(deps, user, { ...rest, status });
  },
);

/**
 * Deletes a note when the user wrote it, as the modal offers Delete only under their own notes,
 * and returns the status line. A note that is gone already counts as deleted, so a second
 * click on the confirmation is harmless.
 */
async function deleteOwnNote(user: UserContext, ticketId: number, noteId: number): Promise<string> {
  try {
    const note = await user.context.api.getNote(ticketId, noteId);
    if (note.CreatedBy !== user.bmsUserId) return 'Only the author of a note can delete it here.';
    await user.context.api.deleteNote(ticketId, noteId);
    return `Note ${noteId} deleted.`;
  } catch (error) {
    if (!isBmsError(error, 'not_found')) throw error;
    return `Note ${noteId} was already deleted.`;
  }
}

const editPayload = z.object({
  viewId: z.string().min(1),
  ticketId: z.number().int().positive(),
  noteId: z.number().int().positive(),
  notesViewId: z.string().min(1),
  page: z.number().int().positive(),
  card: cardLocationSchema.optional(),
});

/** Fills the pushed Edit form with the note as BMS has it; only the author's own notes can be edited. */
const fillEditForm = defineUserOperation('card.notes.edit', editPayload, async (deps, user, payload) => {
  await fillModal(deps, payload.viewId, EDIT_TITLE, async () => {
    const note = await user.context.api.getNote(payload.ticketId, payload.noteId);
    if (note.CreatedBy !== user.bmsUserId) {
      return buildWaitingModal(EDIT_TITLE, 'Only the author of a note can edit it here.');
    }
    if ((note.Details ?? '').length > EDITABLE_NOTE_MAX) {
      return buildWaitingModal(
        EDIT_TITLE,
        `This note is longer than Slack's ${EDITABLE_NOTE_MAX.toLocaleString('en-US')} characters for a text field. Change it with \`/bms notes update ${payload.ticketId} ${note.Id} --message "..."\`.`,
      );
    }
    const { viewId: _viewId, ...state } = payload;
    return buildEditNoteModal(note, await noteTypesOf(user, deps), JSON.stringify(state));
  });
});

const saveEditedNote = defineUserOperation(
  'card.notes.update',
  editPayload.omit({ viewId: true }).extend({
    details: z.string().min(1),
    typeId: z.number().int().nonnegative(),
    isPublic: z.boolean(),
    noteDate: z.string().optional(),
  }),
  async (deps, user, payload) => {
    const noteTypes = await noteTypesOf(user, deps);
    const request = {
      details: payload.details,
      type: payload.typeId,
      isPublic: payload.isPublic,
      noteDate: payload.noteDate,
    };
    try {
      await updateNote(user.context, payload.ticketId, payload.noteId, request, noteTypes);
    } catch (error) {
      if (!isBmsError(error)) throw error;
      // The edit form is closed by now: the edited text goes back with the reason.
      await replyEditFailed(deps, user, payload, error);
      return;
    }
    await renderNotes(deps, user, {
      viewId: payload.notesViewId,
      ticketId: payload.ticketId,
      page: payload.page,
      card: payload.card,
      status: `Note ${payload.noteId} updated.`,
    });
  },
);

async function replyEditFailed(
  deps: SlackDeps,
  user: UserContext,
  payload: { ticketId: number; noteId: number; details: string },
  error: BmsError,
): Promise<void> {
  deps.logger.warn('Updating a note from the notes list failed in BMS', {
    team: user.identity.teamId,
    user: user.identity.userId,
    ticketId: payload.ticketId,
    noteId: payload.noteId,
    kind: error.kind,
  });
  // A lost response may hide a saved edit, so the user is told to check before trying again.
  const unsure = error.kind === 'transport' || error.kind === 'server' || error.kind === 'protocol';
  const reason = `${describeError(error)}${unsure ? ' BMS may have saved it anyway: check the note before you try again.' : ''}`;
  await replyTo(
    deps,
    user.identity,
    {},
  )(
    buildKeptTextMessage({
      opening: `Note ${payload.noteId} of ticket ${payload.ticketId} was not updated.`,
      reason,
      label: 'Your edited text:',
      text: payload.details,
    }),
  );
}

function stateOf(view: ViewOutput | undefined): z.infer<typeof notesState> & { viewId: string } {
  if (!view) throw new Error('The notes button sits in no modal.');
  return { ...notesState.parse(readJsonValue(view.private_metadata, 'notes modal')), viewId: view.id };
}

function requestOf(deps: SlackDeps, body: BlockAction, args: ActionArgs): UserRequest {
  return userRequestFromInteraction(deps, body, args.respond);
}

/** Opens the notes modal from the card's View notes button. */
async function openNotes(deps: SlackDeps, args: ActionArgs): Promise<void> {
  const { body, client } = args;
  const ticketId = readIdValue(actionValue(body), 'ticket');
  const opened = await client.views.open({
    trigger_id: body.trigger_id,
    view: buildWaitingModal(NOTES_TITLE, LOADING_TEXT),
  });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open returned no view id.');
  const payload = { viewId, ticketId, page: 1, card: cardLocationOf(body, ticketId) };
  if (!(await showNotes.start(deps, requestOf(deps, body, args), payload))) {
    await updateModal(deps, viewId, buildWaitingModal(NOTES_TITLE, LOGIN_FIRST_TEXT));
  }
}

/** Registers the View notes button and everything inside the notes modal. */
export function registerNotesModal(registry: ListenerRegistry, deps: SlackDeps): void {
  for (const operation of [showNotes, deleteFromNotes, fillEditForm, saveEditedNote]) operation.register();

  registry.action(TICKET_CARD_ACTIONS.viewNotes, (args) => openNotes(deps, args));

  registry.action(new RegExp(`^(${NOTES_MODAL.previous}|${NOTES_MODAL.next})$`), async (args) => {
    const state = stateOf(args.body.view);
    const page = readIdValue(actionValue(args.body), 'page');
    await showNotes.start(deps, requestOf(deps, args.body, args), { ...state, page });
  });

  registry.action(new RegExp(`^(${NOTES_MODAL.delete}|${NOTES_MODAL.keep})$`), async (args) => {
    const state = stateOf(args.body.view);
    const noteId = readIdValue(actionValue(args.body), 'note');
    const confirming = args.body.actions[0]?.action_id === NOTES_MODAL.delete ? noteId : undefined;
    await showNotes.start(deps, requestOf(deps, args.body, args), { ...state, confirmingNoteId: confirming });
  });

  registry.action(NOTES_MODAL.confirmDelete, async (args) => {
    const state = stateOf(args.body.view);
    const noteId = readIdValue(actionValue(args.body), 'note');
    await deleteFromNotes.start(deps, requestOf(deps, args.body, args), { ...state, noteId });
  });

  registry.action(NOTES_MODAL.edit, async (args) => {
    const { body, client } = args;
    const state = stateOf(body.view);
    const noteId = readIdValue(actionValue(body), 'note');
    const pushed = await client.views.push({
      trigger_id: body.trigger_id,
      view: buildWaitingModal(EDIT_TITLE, LOADING_TEXT),
    });
    const viewId = pushed.view?.id;
    if (!viewId) throw new Error('views.push returned no view id.');
    const payload = {
      viewId,
      ticketId: state.ticketId,
      noteId,
      notesViewId: state.viewId,
      page: state.page,
      card: state.card,
    };
    if (!(await fillEditForm.start(deps, requestOf(deps, body, args), payload))) {
      await updateModal(deps, viewId, buildWaitingModal(EDIT_TITLE, LOGIN_FIRST_TEXT));
    }
  });

  registry.viewSubmission(NOTE_FORM.editCallbackId, async ({ ack, body, view }: ViewSubmissionArgs) => {
    const state = z
      .object({
        ticketId: z.number(),
        noteId: z.number(),
        notesViewId: z.string(),
        page: z.number(),
        card: cardLocationSchema.optional(),
      })
      .parse(readJsonValue(view.private_metadata, 'edit form'));
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
    // An empty ack closes the edit form and shows the notes under it again.
    await ack();
    const identity = identityOf(body);
    const request: UserRequest = { identity, respondTo: {}, reply: replyTo(deps, identity, {}) };
    await saveEditedNote.start(deps, request, {
      ...state,
      details,
      typeId,
      isPublic: values.option(NOTE_FORM.visibility, NOTE_FORM.action) === NOTE_FORM.public,
      noteDate: values.dateTime(NOTE_FORM.date, NOTE_FORM.action),
    });
  });
}
