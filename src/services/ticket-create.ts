import { BmsError, isBmsError } from '../bms/errors.ts';
import type { Ticket, TicketInput, TicketSummary, TicketTemplate } from '../bms/index.ts';
import type { ServiceContext } from './context.ts';
import { formatIsoUtc, parseIsoDateTime, ValidationError } from './validation.ts';

/** A create request: any TicketInput field, and a template whose defaults fill the gaps. */
export type CreateTicketRequest = Partial<TicketInput> & { TemplateId?: number };

export type CreateTicketOutcome =
  /** BMS returned Success with a positive ticket id. */
  | { kind: 'created'; ticket: Ticket }
  /**
   * The POST was sent but its response was lost or unreadable, so the ticket may exist. Never
   * resent: a search for the title found `possibleTicket`, or nothing.
   */
  | { kind: 'uncertain'; error: BmsError; possibleTicket?: TicketSummary };

const REQUIRED_FIELDS: { field: keyof TicketInput; message: string }[] = [
  { field: 'Title', message: 'The title is missing: type a short summary of the problem.' },
  { field: 'Details', message: 'The details are missing: describe the problem.' },
  { field: 'AccountId', message: 'The account is missing: choose the customer account.' },
  { field: 'LocationId', message: "The location is missing: choose one of the account's locations." },
  { field: 'StatusId', message: 'The status is missing: choose one, e.g. New.' },
  { field: 'PriorityId', message: 'The priority is missing: choose one, e.g. Medium.' },
  { field: 'TypeId', message: 'The ticket type is missing: choose one.' },
  { field: 'SourceId', message: 'The source is missing: choose where the request came from, e.g. Phone.' },
];

/** How far back the reconciliation search looks for a ticket that a lost POST may have created. */
const RECONCILE_WINDOW_MS = 10 * 60_000;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Lays the template's defaults under the explicit values: an explicit value always wins, and a
 * template's TicketTypeId fills TypeId.
 */
export function mergeTemplate(template: TicketTemplate, explicit: CreateTicketRequest): CreateTicketRequest {
  const defaults: CreateTicketRequest = {};
  const copy = <K extends keyof TicketInput>(target: K, value: TicketInput[K] | null | undefined) => {
    if (!isBlank(value)) defaults[target] = value as TicketInput[K];
  };
  copy('Title', template.Title);
  copy('Details', template.Details);
  copy('AccountId', template.AccountId);
  copy('PriorityId', template.PriorityId);
  copy('QueueId', template.QueueId);
  copy('AssigneeId', template.AssigneeId);
  copy('TypeId', template.TicketTypeId);
  copy('IssueTypeId', template.IssueTypeId);
  copy('WorkTypeId', template.WorkTypeId);

  const merged: CreateTicketRequest = { ...defaults };
  for (const [key, value] of Object.entries(explicit) as [keyof CreateTicketRequest, unknown][]) {
    if (!isBlank(value)) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Checks every rule that BMS and this product set on a new ticket, reporting all problems at once. */
export function validateTicketInput(request: CreateTicketRequest, now: number): TicketInput {
  const problems: Record<string, string> = {};
  for (const { field, message } of REQUIRED_FIELDS) {
    if (isBlank(request[field])) problems[field] = message;
  }
  if (isBlank(request.QueueId) && isBlank(request.AssigneeId)) {
    problems.QueueOrAssignee =
      'Choose a queue or an assignee (or both), so that somebody picks the ticket up.';
  }
  for (const field of [
    'AccountId',
    'LocationId',
    'StatusId',
    'PriorityId',
    'TypeId',
    'SourceId',
    'QueueId',
    'AssigneeId',
  ] as const) {
    const value = request[field];
    if (!isBlank(value) && !(Number.isInteger(value) && (value as number) > 0)) {
      problems[field] = `${field} must be a positive whole number, not "${String(value)}".`;
    }
  }

  let openDate = formatIsoUtc(now);
  if (!isBlank(request.OpenDate)) {
    const parsed = parseIsoDateTime(String(request.OpenDate));
    if (parsed) openDate = parsed;
    else
      problems.OpenDate = `"${request.OpenDate}" is not a date: use ISO 8601 with an offset, e.g. 2026-04-07T12:00:00+00:00.`;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);

  const { TemplateId: _templateId, ...fields } = request;
  return {
    ...fields,
    Title: String(request.Title).trim(),
    Details: String(request.Details).trim(),
    OpenDate: openDate,
  } as TicketInput;
}

/**
 * Creates a ticket with exactly one POST. Success is reported only when BMS returns Success and
 * returns a positive id. When the response is lost (timeout, reset, 5xx, unreadable), the POST is
 * not resent: a search for the same title opened in the last minutes tells the caller whether
 * the ticket may exist after all.
 */
export async function createTicket(
  context: ServiceContext,
  request: CreateTicketRequest,
): Promise<CreateTicketOutcome> {
  let merged = request;
  if (request.TemplateId !== undefined) {
    const template = await context.api.getTicketTemplate(request.TemplateId);
    merged = mergeTemplate(template, request);
  }
  const input = validateTicketInput(merged, context.clock());
  await assertLocationOfAccount(context, input.AccountId, input.LocationId);

  const sentAt = context.clock();
  let ticket: Ticket;
  try {
    ticket = await context.api.createTicket(input);
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    const possibleTicket = await findJustCreated(context, input, sentAt);
    return { kind: 'uncertain', error, possibleTicket };
  }

  if (!(Number.isInteger(ticket.Id) && ticket.Id > 0)) {
    const error = new BmsError('protocol', 'BMS reported success but returned no ticket id.', {
      endpoint: 'POST /v2/servicedesk/tickets',
      field: 'Result.Id',
    });
    const possibleTicket = await findJustCreated(context, input, sentAt);
    return { kind: 'uncertain', error, possibleTicket };
  }
  context.logger.info('ticket created', { ticketId: ticket.Id, ticketNumber: ticket.TicketNumber });
  return { kind: 'created', ticket };
}

/** Errors after which BMS may or may not have stored the ticket. */
function isOutcomeUnknown(error: unknown): error is BmsError {
  return (
    isBmsError(error) && (error.kind === 'transport' || error.kind === 'server' || error.kind === 'protocol')
  );
}

async function findJustCreated(
  context: ServiceContext,
  input: TicketInput,
  sentAt: number,
): Promise<TicketSummary | undefined> {
  try {
    const { items } = await context.api.searchTickets({
      title: input.Title,
      accountIds: [input.AccountId],
      openDateFrom: formatIsoUtc(Math.min(sentAt, Date.parse(input.OpenDate)) - RECONCILE_WINDOW_MS),
      pageSize: 20,
      pageNumber: 1,
      sort: 'Id desc',
    });
    const windowStart = sentAt - RECONCILE_WINDOW_MS;
    return items.find(
      (item) =>
        item.Title?.trim() === input.Title &&
        (item.CreatedOn === undefined ||
          item.CreatedOn === null ||
          Date.parse(item.CreatedOn) >= windowStart),
    );
  } catch (error) {
    context.logger.warn('reconciliation search failed after an unconfirmed ticket create', {
      endpoint: 'POST /v2/servicedesk/tickets/search',
      kind: isBmsError(error) ? error.kind : 'unknown',
    });
    return undefined;
  }
}

/** Refuses a location of another account before anything is sent. */
export async function assertLocationOfAccount(
  context: ServiceContext,
  accountId: number,
  locationId: number,
): Promise<void> {
  const locations = await context.directory.locationsOf(accountId);
  if (locations.some((location) => location.Id === locationId)) return;
  const names = locations.map((location) => `${location.Name ?? '(no name)'} (id ${location.Id})`).join(', ');
  throw new ValidationError({
    LocationId: `Location ${locationId} does not belong to account ${accountId}. Choose one of its locations: ${names || 'it has none'}.`,
  });
}
