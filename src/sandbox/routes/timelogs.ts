import { setStatus, touch, visibleTicket } from '../desk.ts';
import { invalidField, type Reply, success } from '../envelope.ts';
import { findRow, ROLES, STATUSES, WORK_TYPES } from '../lookups.ts';
import { pageOf, readPaging } from '../query.ts';
import type { TimeEntryRecord } from '../records.ts';
import { type AuthorizedContext, get, intParam, type Route, withJson } from '../route.ts';
import { FieldReader, isPlainObject } from '../validation.ts';
import { timeEntryOutput } from '../views.ts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T00:00:00(\.0+)?Z?)?$/;
/** .NET TimeSpan text as the contract's `date-span` format: `HH:mm` or `HH:mm:ss`. */
const TIME_SPAN_PATTERN = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

function listTimeEntries(context: AuthorizedContext): Reply {
  const ticket = visibleTicket(context.state, context.user, intParam(context, 'ticketId'));
  const entries = context.state.desk.timeEntriesByTicket.get(ticket.id) ?? [];
  return success(pageOf(entries, readPaging(context.query)).map(timeEntryOutput));
}

function readTimeSpan(reader: FieldReader, field: string): string | undefined {
  const value = reader.requiredString(field);
  if (value !== undefined && !TIME_SPAN_PATTERN.test(value)) {
    reader.fail(field, `${field} must be a time of day like 09:30 or 09:30:00.`);
    return undefined;
  }
  return value;
}

function minutesOf(timeSpan: string): number {
  const [hours = 0, minutes = 0] = timeSpan.split(':').map(Number);
  return hours * 60 + minutes;
}

/** TicketTimeEntryInputDto. Timespent, when absent, is computed in hours from StartTime and EndTime. */
function createTimeEntry(context: AuthorizedContext): Reply {
  const { state, user } = context;
  const ticket = visibleTicket(state, user, intParam(context, 'ticketId'));
  if (!isPlainObject(context.body)) {
    throw invalidField('body', 'The body must be a TicketTimeEntryInputDto JSON object.');
  }
  const reader = new FieldReader(context.body);
  const startDate = reader.requiredString('StartDate');
  if (startDate !== undefined && !DATE_PATTERN.test(startDate)) {
    reader.fail('StartDate', 'StartDate must be a date like 2024-01-31.');
  }
  const startTime = readTimeSpan(reader, 'StartTime');
  const endTime = readTimeSpan(reader, 'EndTime');
  const workTypeId = reader.requiredInt('WorkTypeId', 1);
  const roleId = reader.requiredInt('RoleId', 1);
  const statusId = reader.optionalInt('StatusId', 1);
  const notes = reader.optionalString('Notes');
  const internalNotes = reader.optionalString('InternalNotes');
  const timespentValue = reader.raw('Timespent');
  if (timespentValue !== undefined && (typeof timespentValue !== 'number' || timespentValue < 0)) {
    reader.fail('Timespent', 'Timespent must be a number of hours, 0 or more.');
  }
  if (workTypeId !== undefined && !findRow(WORK_TYPES, workTypeId)) {
    reader.fail('WorkTypeId', `WorkTypeId ${workTypeId} does not exist.`);
  }
  if (roleId !== undefined && !findRow(ROLES, roleId))
    reader.fail('RoleId', `RoleId ${roleId} does not exist.`);
  if (statusId !== null && !findRow(STATUSES, statusId))
    reader.fail('StatusId', `StatusId ${statusId} does not exist.`);
  if (startTime !== undefined && endTime !== undefined && minutesOf(endTime) < minutesOf(startTime)) {
    reader.fail('EndTime', 'EndTime must not be before StartTime.');
  }
  reader.throwIfInvalid();

  // throwIfInvalid() guarantees the required fields below.
  const start = startTime as string;
  const end = endTime as string;
  const now = state.nowIso();
  const entry: TimeEntryRecord = {
    id: state.desk.nextTimeEntryId++,
    ticketId: ticket.id,
    startDate: (startDate as string).slice(0, 10),
    startTime: start,
    endTime: end,
    timespent: typeof timespentValue === 'number' ? timespentValue : (minutesOf(end) - minutesOf(start)) / 60,
    notes,
    internalNotes,
    workTypeId: workTypeId as number,
    roleId: roleId as number,
    userId: user.userId,
    createdOn: now,
  };
  const entries = state.desk.timeEntriesByTicket.get(ticket.id) ?? [];
  entries.push(entry);
  state.desk.timeEntriesByTicket.set(ticket.id, entries);
  if (statusId !== null) setStatus(ticket, statusId, now);
  touch(ticket, user, now);
  return success(timeEntryOutput(entry));
}

export const timeLogRoutes: Route[] = [
  get('/v2/servicedesk/tickets/{ticketId}/timelogs', listTimeEntries),
  withJson('POST', '/v2/servicedesk/tickets/{ticketId}/timelogs', createTimeEntry),
];
