import { BmsError } from '../bms/errors.ts';
import type { AssignInput, PatchOperation, Ticket, TicketSearch, TicketSummary } from '../bms/index.ts';
import type { ServiceContext } from './context.ts';
import type { TicketReference } from './ticket-reference.ts';
import { formatIsoUtc, parseIsoDateTime, ValidationError } from './validation.ts';

export const DEFAULT_PAGE_SIZE = 10;

/** Fetches a ticket by id, or finds it by its ticket number first. */
export async function getTicket(context: ServiceContext, reference: TicketReference): Promise<Ticket> {
  if (reference.kind === 'id') return context.api.getTicket(reference.id);
  return findTicketByNumber(context, reference.ticketNumber);
}

export async function findTicketByNumber(context: ServiceContext, ticketNumber: string): Promise<Ticket> {
  const { items } = await context.api.searchTickets({ ticketNumber, pageSize: 5, pageNumber: 1 });
  const match = items.find((item) => item.TicketNumber?.toUpperCase() === ticketNumber.toUpperCase());
  if (!match) {
    throw new BmsError('not_found', `Ticket ${ticketNumber} was not found.`, {
      endpoint: 'POST /v2/servicedesk/tickets/search',
    });
  }
  return context.api.getTicket(match.Id);
}

export async function searchTickets(
  context: ServiceContext,
  filter: TicketSearch,
): Promise<{ items: TicketSummary[]; total: number; pageNumber: number; pageSize: number }> {
  const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
  const pageNumber = filter.pageNumber ?? 1;
  const { items, total } = await context.api.searchTickets({ ...filter, pageSize, pageNumber });
  return { items, total, pageNumber, pageSize };
}

/** Open tickets assigned to one BMS user, soonest due first; tickets without a due date come last. */
export async function myOpenTickets(
  context: ServiceContext,
  assigneeName: string,
  pageSize = 20,
): Promise<TicketSummary[]> {
  const { items } = await context.api.searchTickets({
    assigneeName,
    excludeCompleted: true,
    pageSize,
    pageNumber: 1,
    sort: 'DueDate asc',
  });
  const dueTime = (ticket: TicketSummary) =>
    ticket.DueDate ? Date.parse(ticket.DueDate) : Number.POSITIVE_INFINITY;
  return [...items].sort((left, right) => dueTime(left) - dueTime(right));
}

const PATCH_OPERATIONS = new Set(['replace', 'add', 'remove']);

/** Builds one JSON Patch operation from `/StatusId 6`: numbers stay numbers, `null` clears. */
export function buildPatchOperation(
  path: string,
  valueText: string | undefined,
  op = 'replace',
): PatchOperation {
  if (!PATCH_OPERATIONS.has(op)) {
    throw new ValidationError({
      op: `"${op}" is not a JSON Patch operation this app sends: use replace, add or remove.`,
    });
  }
  if (!/^\/[A-Za-z][A-Za-z0-9]*$/.test(path)) {
    throw new ValidationError({
      path: `"${path}" is not a ticket field path: type it like /StatusId or /Title.`,
    });
  }
  if (op === 'remove') return { op: 'remove', path };
  if (valueText === undefined) {
    throw new ValidationError({
      value: `The new value for ${path} is missing: type it after the path, like ${path} 6.`,
    });
  }
  let value: unknown = valueText;
  if (/Id$/.test(path) || /^-?\d+$/.test(valueText)) {
    if (valueText === 'null') value = null;
    else if (/^\d+$/.test(valueText)) value = Number(valueText);
    else throw new ValidationError({ value: `${path} takes a numeric id, not "${valueText}".` });
  } else if (/Date$/.test(path)) {
    const iso = parseIsoDateTime(valueText);
    if (!iso)
      throw new ValidationError({
        value: `${path} takes an ISO date with offset such as 2026-04-07T12:00:00+00:00.`,
      });
    value = iso;
  }
  return { op: op as PatchOperation['op'], path, value };
}

export async function patchTicket(
  context: ServiceContext,
  ticketId: number,
  operations: PatchOperation[],
): Promise<Ticket> {
  if (operations.length === 0)
    throw new ValidationError({ path: 'Nothing to change: give a field path and a value.' });
  return context.api.patchTicket(ticketId, operations);
}

export async function deleteTicket(context: ServiceContext, ticketId: number): Promise<void> {
  await context.api.deleteTicket(ticketId);
}

export type AssignRequest = Partial<AssignInput>;

/**
 * Assigns a ticket as BMS's assign call requires: details, note type, status and a note date
 * (default now), plus an assignee or a queue. Returns the ticket as it is afterwards.
 */
export async function assignTicket(
  context: ServiceContext,
  ticketId: number,
  request: AssignRequest,
): Promise<Ticket> {
  const problems: Record<string, string> = {};
  if (!request.Details?.trim())
    problems.Details = 'Details are missing: say why the ticket is assigned, e.g. "Routing to network team".';
  if (request.TypeId === undefined)
    problems.TypeId = 'The note type is missing: choose one, e.g. General Notes.';
  if (request.StatusId === undefined)
    problems.StatusId = 'The status is missing: choose the status the ticket moves to.';
  if (request.AssigneeId === undefined && request.QueueId === undefined) {
    problems.QueueOrAssignee = 'Choose an assignee or a queue (or both).';
  }
  let noteDate = formatIsoUtc(context.clock());
  if (request.NoteDate !== undefined) {
    const parsed = parseIsoDateTime(request.NoteDate);
    if (parsed) noteDate = parsed;
    else
      problems.NoteDate = `"${request.NoteDate}" is not a date: use ISO 8601 with an offset, e.g. 2026-04-07T12:00:00+00:00.`;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);

  await context.api.assignTicket(ticketId, {
    Details: request.Details?.trim() ?? '',
    IsInternal: request.IsInternal ?? true,
    TypeId: request.TypeId as number,
    StatusId: request.StatusId as number,
    NoteDate: noteDate,
    ...(request.AssigneeId !== undefined ? { AssigneeId: request.AssigneeId } : {}),
    ...(request.QueueId !== undefined ? { QueueId: request.QueueId } : {}),
  });
  return context.api.getTicket(ticketId);
}
