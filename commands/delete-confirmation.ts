import type { RespondFn } from '@slack/bolt';
import { deleteNote, deleteTicket, getTicket } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import {
  type RespondTo,
  registerPendingRunner,
  runAsUser,
  type UserContext,
} from '../src/slack/run-as-user.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import {
  buildNoteDeleteConfirmation,
  buildTicketDeleteConfirmation,
  DELETE_ACTIONS,
} from '../views/delete-confirmation.ts';
import { buildNotice } from '../views/notice-message.ts';
import { actionValue, readIdField, readIdValue, readJsonValue } from './action-values.ts';
import { replyTo } from './reply.ts';
import type { CommandOf, CommandWork } from './user-command.ts';

/**
 * `tickets delete` and `notes delete`. Without --yes the reply is a confirmation, and only its
 * Delete button sends the DELETE. The button acts as the user who clicks it, and the result
 * replaces the confirmation.
 */

const TICKET_DELETE_KIND = 'ticket.delete';
const NOTE_DELETE_KIND = 'note.delete';

interface NoteTarget {
  ticketId: number;
  noteId: number;
}

function readNoteTarget(value: unknown): NoteTarget {
  const record = readJsonValue(
    typeof value === 'string' ? value : JSON.stringify(value),
    'note delete button',
  );
  return { ticketId: readIdField(record, 'ticketId'), noteId: readIdField(record, 'noteId') };
}

function ticketDeleted(ticketId: number) {
  return buildNotice(`:wastebasket: Ticket ${ticketId} deleted.`);
}

function noteDeleted(target: NoteTarget) {
  return buildNotice(`:wastebasket: Note ${target.noteId} deleted from ticket ${target.ticketId}.`);
}

export const deleteTicketCommand: CommandWork<CommandOf<'tickets.delete'>> = async (run) => {
  const { parsed, user } = run;
  if (parsed.yes) {
    await deleteTicket(user.context, parsed.ticketId);
    await run.reply(ticketDeleted(parsed.ticketId));
    return;
  }
  const ticket = await getTicket(user.context, { kind: 'id', id: parsed.ticketId });
  await run.reply(buildTicketDeleteConfirmation(ticket));
};

export const deleteNoteCommand: CommandWork<CommandOf<'notes.delete'>> = async (run) => {
  const { parsed, user } = run;
  const target = { ticketId: parsed.ticketId, noteId: parsed.noteId };
  if (parsed.yes) {
    await deleteNote(user.context, target.ticketId, target.noteId);
    await run.reply(noteDeleted(target));
    return;
  }
  const note = await user.context.api.getNote(target.ticketId, target.noteId);
  await run.reply(buildNoteDeleteConfirmation(target.ticketId, note));
};

async function runTicketDelete(deps: SlackDeps, user: UserContext, payload: unknown, respondTo: RespondTo) {
  const ticketId = readIdField(readJsonValue(JSON.stringify(payload), 'pending ticket delete'), 'ticketId');
  await deleteTicket(user.context, ticketId);
  await replyTo(deps, user.identity, respondTo, { replaceOriginal: true })(ticketDeleted(ticketId));
}

async function runNoteDelete(deps: SlackDeps, user: UserContext, payload: unknown, respondTo: RespondTo) {
  const target = readNoteTarget(payload);
  await deleteNote(user.context, target.ticketId, target.noteId);
  await replyTo(deps, user.identity, respondTo, { replaceOriginal: true })(noteDeleted(target));
}

/** Registers the Delete and Cancel buttons of the confirmations. */
export function registerDeleteConfirmations(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(TICKET_DELETE_KIND, runTicketDelete);
  registerPendingRunner(NOTE_DELETE_KIND, runNoteDelete);

  registry.action(DELETE_ACTIONS.confirmTicket, async ({ body, respond }) => {
    const payload = { ticketId: readIdValue(actionValue(body), 'ticket') };
    const request = userRequestFromInteraction(deps, body, respond as RespondFn);
    await runAsUser(deps, request, { kind: TICKET_DELETE_KIND, payload }, (user) =>
      runTicketDelete(deps, user, payload, request.respondTo),
    );
  });

  registry.action(DELETE_ACTIONS.confirmNote, async ({ body, respond }) => {
    const payload = readNoteTarget(actionValue(body));
    const request = userRequestFromInteraction(deps, body, respond as RespondFn);
    await runAsUser(deps, request, { kind: NOTE_DELETE_KIND, payload }, (user) =>
      runNoteDelete(deps, user, payload, request.respondTo),
    );
  });

  registry.action(DELETE_ACTIONS.cancel, async ({ respond }) => {
    await respond({ replace_original: true, text: 'Nothing was deleted.' });
  });
}
