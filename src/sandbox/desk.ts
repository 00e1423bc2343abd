import { forbidden, notFound } from './envelope.ts';
import type { SandboxUser } from './fixtures.ts';
import { isCompletedStatus, NOTE_TYPES, STATUSES } from './lookups.ts';
import type { NoteRecord, TicketRecord } from './records.ts';
import { canSeeAccount, type SandboxState } from './state.ts';
import { formatTicketNumber, ticketDay } from './ticket-number.ts';
import type { TicketFields } from './ticket-rules.ts';
import type { FieldReader } from './validation.ts';

/** Changes to tickets and notes that several routes share. */

/** Returns a ticket that the user may see, or throws 404 when it does not exist and 403 when its account is hidden. */
export function visibleTicket(state: SandboxState, user: SandboxUser, ticketId: number): TicketRecord {
  const ticket = state.desk.tickets.get(ticketId);
  if (!ticket) throw notFound('Ticket', ticketId);
  if (!canSeeAccount(user, ticket.accountId)) {
    throw forbidden(`You do not have access to ticket ${ticketId}.`);
  }
  return ticket;
}

export function fieldsOf(ticket: TicketRecord): TicketFields {
  return {
    title: ticket.title,
    details: ticket.details,
    accountId: ticket.accountId,
    locationId: ticket.locationId,
    contactId: ticket.contactId,
    statusId: ticket.statusId,
    priorityId: ticket.priorityId,
    typeId: ticket.typeId,
    sourceId: ticket.sourceId,
    queueId: ticket.queueId,
    assigneeId: ticket.assigneeId,
    issueTypeId: ticket.issueTypeId,
    subIssueTypeId: ticket.subIssueTypeId,
    workTypeId: ticket.workTypeId,
    openDate: ticket.openDate,
    dueDate: ticket.dueDate,
  };
}

/** Stores a new ticket with the next id and the next number of its open date. */
export function insertTicket(state: SandboxState, user: SandboxUser, fields: TicketFields): TicketRecord {
  const desk = state.desk;
  const now = state.nowIso();
  const day = ticketDay(fields.openDate);
  const sequence = (desk.lastSequenceByDay.get(day) ?? 0) + 1;
  desk.lastSequenceByDay.set(day, sequence);
  const ticket: TicketRecord = {
    ...fields,
    id: desk.nextTicketId++,
    ticketNumber: formatTicketNumber(day, sequence),
    completedDate: isCompletedStatus(fields.statusId) ? now : null,
    createdBy: user.userId,
    createdOn: now,
    modifiedBy: null,
    modifiedOn: null,
    lastActivityUpdate: now,
    lastStatusUpdate: now,
    lastPriorityUpdate: now,
    lastQueueUpdate: fields.queueId === null ? null : now,
  };
  desk.tickets.set(ticket.id, ticket);
  desk.notesByTicket.set(ticket.id, []);
  return ticket;
}

/** Writes validated fields onto a ticket and keeps its "last update" dates in step. */
export function updateTicket(
  state: SandboxState,
  user: SandboxUser,
  ticket: TicketRecord,
  fields: TicketFields,
): void {
  const now = state.nowIso();
  if (fields.statusId !== ticket.statusId) setStatus(ticket, fields.statusId, now);
  if (fields.priorityId !== ticket.priorityId) ticket.lastPriorityUpdate = now;
  if (fields.queueId !== ticket.queueId) ticket.lastQueueUpdate = now;
  Object.assign(ticket, fields);
  touch(ticket, user, now);
}

export function setStatus(ticket: TicketRecord, statusId: number, now: string): void {
  if (statusId === ticket.statusId) return;
  ticket.statusId = statusId;
  ticket.lastStatusUpdate = now;
  ticket.completedDate = isCompletedStatus(statusId) ? (ticket.completedDate ?? now) : null;
}

export function touch(ticket: TicketRecord, user: SandboxUser, now: string): void {
  ticket.modifiedBy = user.userId;
  ticket.modifiedOn = now;
  ticket.lastActivityUpdate = now;
}

export function removeTicket(state: SandboxState, ticketId: number): void {
  const desk = state.desk;
  for (const note of desk.notesByTicket.get(ticketId) ?? []) desk.notes.delete(note.id);
  desk.notesByTicket.delete(ticketId);
  desk.timeEntriesByTicket.delete(ticketId);
  desk.tickets.delete(ticketId);
}

export interface NoteFields {
  details: string;
  isInternal: boolean;
  typeId: number;
  noteDate: string;
  statusId: number | null;
}

/**
 * Reads the note part of TicketNotePostInputDto, TicketNotePutInputDto and AssignTicketInputDto.
 * `statusRequired` is for assignment, where StatusId is required.
 */
export function readNoteFields(reader: FieldReader, statusRequired: boolean): Partial<NoteFields> {
  const details = reader.requiredString('Details');
  const isInternal = reader.requiredBoolean('IsInternal');
  const typeId = reader.requiredInt('TypeId', 0);
  const noteDate = reader.requiredDateTime('NoteDate');
  const statusId = statusRequired ? reader.requiredInt('StatusId', 1) : reader.optionalInt('StatusId', 1);
  if (typeId !== undefined && !NOTE_TYPES.some((type) => type.id === typeId)) {
    reader.fail('TypeId', `TypeId ${typeId} is not a note type.`);
  }
  if (statusId !== undefined && statusId !== null && !STATUSES.some((status) => status.id === statusId)) {
    reader.fail('StatusId', `StatusId ${statusId} does not exist.`);
  }
  return { details, isInternal, typeId, noteDate, statusId: statusId ?? null };
}

/** Narrows fields read by `readNoteFields` once the reader has no errors. */
export function completeNoteFields(reader: FieldReader, fields: Partial<NoteFields>): NoteFields {
  reader.throwIfInvalid();
  return fields as NoteFields;
}

export function addNote(
  state: SandboxState,
  user: SandboxUser,
  ticket: TicketRecord,
  fields: NoteFields,
): NoteRecord {
  const desk = state.desk;
  const now = state.nowIso();
  const note: NoteRecord = {
    id: desk.nextNoteId++,
    ticketId: ticket.id,
    details: fields.details,
    isInternal: fields.isInternal,
    typeId: fields.typeId,
    noteDate: fields.noteDate,
    createdBy: user.userId,
    modifiedBy: null,
    modifiedOn: null,
  };
  desk.notes.set(note.id, note);
  const notes = desk.notesByTicket.get(ticket.id) ?? [];
  notes.push(note);
  desk.notesByTicket.set(ticket.id, notes);
  if (fields.statusId !== null) setStatus(ticket, fields.statusId, now);
  touch(ticket, user, now);
  return note;
}
