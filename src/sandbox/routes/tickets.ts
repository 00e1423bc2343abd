import {
  addNote,
  completeNoteFields,
  fieldsOf,
  insertTicket,
  readNoteFields,
  removeTicket,
  setStatus,
  touch,
  updateTicket,
  visibleTicket,
} from '../desk.ts';
import { invalidField, type Reply, success } from '../envelope.ts';
import { NOTE_TYPE_IDS, STATUS_IDS } from '../fixtures.ts';
import { applyTicketPatch } from '../json-patch.ts';
import { findAssignee, findRow, QUEUES, STATUSES } from '../lookups.ts';
import { checkPaging, pageOf } from '../query.ts';
import { type AuthorizedContext, del, get, intParam, type Route, withJson } from '../route.ts';
import { readTicketInput, ticketInputOf } from '../ticket-rules.ts';
import { readTicketFilter, searchTickets, sortTickets } from '../ticket-search.ts';
import { FieldReader, isInt32, isPlainObject } from '../validation.ts';
import { ticketListItem, ticketOutput } from '../views.ts';

function requireObject(body: unknown, dtoName: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidField('body', `The body must be a ${dtoName} JSON object.`);
  return body;
}

function listReply(
  context: AuthorizedContext,
  filterValue: (field: string) => unknown,
  paging: {
    pageSize: number | undefined;
    pageNumber: number | undefined;
    sort: string | undefined;
  },
): Reply {
  const { state, user } = context;
  const checkedPaging = checkPaging(paging.pageSize, paging.pageNumber);
  const matches = sortTickets(searchTickets(state, user, readTicketFilter(filterValue)), paging.sort);
  const rows = pageOf(matches, checkedPaging).map((ticket) => ticketListItem(state, ticket));
  return success(rows, matches.length);
}

/** `POST /v2/servicedesk/tickets/search` with GetTicketsInputDto. */
function searchByBody(context: AuthorizedContext): Reply {
  const body = new FieldReader(requireObject(context.body, 'GetTicketsInputDto'));
  const pageSize = body.raw('PageSize');
  const pageNumber = body.raw('PageNumber');
  const sort = body.raw('Sort');
  const filter = body.raw('Filter');
  if (pageSize !== undefined && !isInt32(pageSize))
    throw invalidField('PageSize', 'PageSize must be an integer.');
  if (pageNumber !== undefined && !isInt32(pageNumber)) {
    throw invalidField('PageNumber', 'PageNumber must be an integer.');
  }
  if (sort !== undefined && typeof sort !== 'string') throw invalidField('Sort', 'Sort must be a string.');
  if (filter !== undefined && !isPlainObject(filter))
    throw invalidField('Filter', 'Filter must be a TicketFilterDto object.');
  const filterReader = new FieldReader(filter ?? {});
  return listReply(context, (field) => filterReader.raw(field), { pageSize, pageNumber, sort });
}

/** `GET /v2/servicedesk/tickets` with `Filter.*` query parameters: the same search as the POST. */
function searchByQuery(context: AuthorizedContext): Reply {
  const { query } = context;
  return listReply(context, (field) => query.string(`Filter.${field}`), {
    pageSize: query.int('PageSize'),
    pageNumber: query.int('PageNumber'),
    sort: query.string('Sort'),
  });
}

function getTicket(context: AuthorizedContext): Reply {
  const ticket = visibleTicket(context.state, context.user, intParam(context, 'ticketId'));
  return success(ticketOutput(context.state, ticket));
}

function createTicket({ state, user, body }: AuthorizedContext): Reply {
  const fields = readTicketInput(state, user, requireObject(body, 'TicketInputDto'));
  const ticket = insertTicket(state, user, fields);
  state.config.logger.debug('sandbox ticket created', { ticketId: ticket.id, userId: user.userId });
  return success(ticketOutput(state, ticket));
}

/** JSON Patch on a copy of the ticket, then the create rules on the result; nothing changes on a 400. */
function patchTicket(context: AuthorizedContext): Reply {
  const { state, user, body } = context;
  const ticket = visibleTicket(state, user, intParam(context, 'ticketId'));
  const patched = applyTicketPatch(ticketInputOf(fieldsOf(ticket)), body);
  const fields = readTicketInput(state, user, patched);
  updateTicket(state, user, ticket, fields);
  return success(ticketOutput(state, ticket));
}

function deleteTicket(context: AuthorizedContext): Reply {
  const ticket = visibleTicket(context.state, context.user, intParam(context, 'ticketId'));
  removeTicket(context.state, ticket.id);
  return success(null);
}

/** AssignTicketInputDto: sets the assignee and/or queue and the status, and records the note. */
function assignTicket(context: AuthorizedContext): Reply {
  const { state, user } = context;
  const ticket = visibleTicket(state, user, intParam(context, 'ticketId'));
  const reader = new FieldReader(requireObject(context.body, 'AssignTicketInputDto'));
  const noteFields = readNoteFields(reader, true);
  const assigneeId = reader.optionalInt('AssigneeId', 1);
  const queueId = reader.optionalInt('QueueId', 1);
  if (assigneeId === null && queueId === null)
    reader.fail('AssigneeId', 'Either AssigneeId or QueueId is required.');
  if (assigneeId !== null && !findAssignee(assigneeId)) {
    reader.fail('AssigneeId', `AssigneeId ${assigneeId} does not exist.`);
  }
  const queue = findRow(QUEUES, queueId);
  if (queueId !== null && (!queue || queue.isActive === false)) {
    reader.fail('QueueId', `QueueId ${queueId} is not an active queue.`);
  }
  const note = completeNoteFields(reader, noteFields);

  const now = state.nowIso();
  if (assigneeId !== null) ticket.assigneeId = assigneeId;
  if (queueId !== null && queueId !== ticket.queueId) {
    ticket.queueId = queueId;
    ticket.lastQueueUpdate = now;
  }
  addNote(state, user, ticket, note);
  return success(null);
}

/** ResolveTicketDto: completes the ticket and records the comment as a Resolution note. */
function resolveTicket(context: AuthorizedContext): Reply {
  const { state, user } = context;
  const ticket = visibleTicket(state, user, intParam(context, 'ticketId'));
  const reader = new FieldReader(requireObject(context.body, 'ResolveTicketDto'));
  const comment = reader.requiredString('Comment');
  const statusId = reader.optionalInt('StatusId', 1) ?? STATUS_IDS.completed;
  const isInternal = reader.optionalBoolean('IsInternal') ?? false;
  if (!findRow(STATUSES, statusId)) reader.fail('StatusId', `StatusId ${statusId} does not exist.`);
  reader.throwIfInvalid();

  const now = state.nowIso();
  addNote(state, user, ticket, {
    details: comment as string,
    isInternal,
    typeId: NOTE_TYPE_IDS.resolution,
    noteDate: now,
    statusId: null,
  });
  setStatus(ticket, statusId, now);
  touch(ticket, user, now);
  return success(ticketOutput(state, ticket));
}

export const ticketRoutes: Route[] = [
  withJson('POST', '/v2/servicedesk/tickets/search', searchByBody),
  get('/v2/servicedesk/tickets', searchByQuery),
  withJson('POST', '/v2/servicedesk/tickets', createTicket),
  get('/v2/servicedesk/tickets/{ticketId}', getTicket),
  withJson('PATCH', '/v2/servicedesk/tickets/{ticketId}', patchTicket),
  del('/v2/servicedesk/tickets/{ticketId}', deleteTicket),
  withJson('POST', '/v2/servicedesk/tickets/{ticketId}/assignticket', assignTicket),
  withJson('POST', '/v2/servicedesk/tickets/{ticketId}/resolve', resolveTicket),
];
