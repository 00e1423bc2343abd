import { addNote, completeNoteFields, readNoteFields, setStatus, touch, visibleTicket } from '../desk.ts';
import { invalidField, notFound, type Reply, success } from '../envelope.ts';
import { pageOf, readPaging } from '../query.ts';
import type { NoteRecord } from '../records.ts';
import { type AuthorizedContext, del, get, intParam, type Route, withJson } from '../route.ts';
import { FieldReader, isPlainObject, parseDateTime } from '../validation.ts';
import { noteOutput } from '../views.ts';

function noteOfTicket(context: AuthorizedContext): { ticketId: number; note: NoteRecord } {
  const ticket = visibleTicket(context.state, context.user, intParam(context, 'ticketId'));
  const noteId = intParam(context, 'noteId');
  const note = context.state.desk.notes.get(noteId);
  if (!note || note.ticketId !== ticket.id) throw notFound('Note', noteId);
  return { ticketId: ticket.id, note };
}

function noteReader(body: unknown, dtoName: string): FieldReader {
  if (!isPlainObject(body)) throw invalidField('body', `The body must be a ${dtoName} JSON object.`);
  return new FieldReader(body);
}

/** Notes of a ticket, newest note date first. */
function listNotes(context: AuthorizedContext): Reply {
  const ticket = visibleTicket(context.state, context.user, intParam(context, 'ticketId'));
  const paging = readPaging(context.query);
  const notes = [...(context.state.desk.notesByTicket.get(ticket.id) ?? [])].sort(
    (a, b) => parseDateTime(b.noteDate) - parseDateTime(a.noteDate) || b.id - a.id,
  );
  return success(pageOf(notes, paging).map(noteOutput));
}

function getNote(context: AuthorizedContext): Reply {
  return success(noteOutput(noteOfTicket(context).note));
}

function createNote(context: AuthorizedContext): Reply {
  const { state, user } = context;
  const ticket = visibleTicket(state, user, intParam(context, 'ticketId'));
  const reader = noteReader(context.body, 'TicketNotePostInputDto');
  const fields = completeNoteFields(reader, readNoteFields(reader, false));
  return success(noteOutput(addNote(state, user, ticket, fields)));
}

/** PUT replaces the note's text, type, visibility and date; the author stays the same. */
function updateNote(context: AuthorizedContext): Reply {
  const { state, user } = context;
  const { ticketId, note } = noteOfTicket(context);
  const reader = noteReader(context.body, 'TicketNotePutInputDto');
  const fields = completeNoteFields(reader, readNoteFields(reader, false));
  const now = state.nowIso();
  note.details = fields.details;
  note.isInternal = fields.isInternal;
  note.typeId = fields.typeId;
  note.noteDate = fields.noteDate;
  note.modifiedBy = user.userId;
  note.modifiedOn = now;
  const ticket = state.desk.tickets.get(ticketId);
  if (ticket) {
    if (fields.statusId !== null) setStatus(ticket, fields.statusId, now);
    touch(ticket, user, now);
  }
  return success(noteOutput(note));
}

function deleteNote(context: AuthorizedContext): Reply {
  const { ticketId, note } = noteOfTicket(context);
  const desk = context.state.desk;
  desk.notes.delete(note.id);
  desk.notesByTicket.set(
    ticketId,
    (desk.notesByTicket.get(ticketId) ?? []).filter((candidate) => candidate.id !== note.id),
  );
  return success(null);
}

export const noteRoutes: Route[] = [
  get('/v2/servicedesk/tickets/{ticketId}/notes', listNotes),
  withJson('POST', '/v2/servicedesk/tickets/{ticketId}/notes', createNote),
  get('/v2/servicedesk/tickets/{ticketId}/notes/{noteId}', getNote),
  withJson('PUT', '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}', updateNote),
  del('/v2/servicedesk/tickets/{ticketId}/notes/{noteId}', deleteNote),
];
