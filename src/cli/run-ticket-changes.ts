import {
  findCommand,
  type TicketsAssignCommand,
  type TicketsCreateCommand,
  type TicketsDeleteCommand,
  type TicketsPatchCommand,
} from '../grammar/index.ts';
import type { CreateTicketRequest } from '../services/index.ts';
import {
  assignTicket,
  buildPatchOperation,
  createTicket,
  deleteTicket,
  getTicket,
  getTicketTemplate,
  patchTicket,
  resolveLocation,
  resolveNoteType,
} from '../services/index.ts';
import { confirmDelete } from './confirm-delete.ts';
import { failure } from './exit-codes.ts';
import { renderTicket, ticketLabel } from './render-tickets.ts';
import { accountId, lookupId } from './resolve-names.ts';
import type { CliServices, CommandOutput, RunContext } from './run-context.ts';
import { terminalLine } from './terminal-text.ts';

/** Returns the account of a new ticket: as given, else the template's, which a location name needs to be found in. */
async function ticketAccountId(
  command: TicketsCreateCommand,
  services: CliServices,
): Promise<number | undefined> {
  if (command.account) return accountId(services.directory, command.account);
  if (command.templateId === undefined) return undefined;
  const template = await getTicketTemplate(services.context, command.templateId);
  return template.AccountId ?? undefined;
}

async function ticketLocationId(
  command: TicketsCreateCommand,
  services: CliServices,
  account: number | undefined,
): Promise<number | undefined> {
  const location = command.location;
  if (location === undefined) return undefined;
  if (location.id !== undefined) return location.id;
  if (account === undefined) {
    throw failure(
      `--location "${terminalLine(location.name)}" names a location of an account: give the account with --account.`,
    );
  }
  const resolution = await resolveLocation(services.directory, account, location.name ?? '');
  if (!resolution.ok) throw failure(terminalLine(resolution.message));
  return resolution.value.Id;
}

/** Builds the create request, looking names up; fields left out stay out, for a template to fill. */
async function createRequest(
  command: TicketsCreateCommand,
  services: CliServices,
): Promise<CreateTicketRequest> {
  const { directory } = services;
  const account = await ticketAccountId(command, services);
  const request: CreateTicketRequest = {
    Title: command.title,
    Details: command.details,
    AccountId: account,
    LocationId: await ticketLocationId(command, services, account),
    OpenDate: command.openDate,
    TemplateId: command.templateId,
  };
  if (command.status) request.StatusId = await lookupId(directory, 'statuses', command.status);
  if (command.priority) request.PriorityId = await lookupId(directory, 'priorities', command.priority);
  if (command.type) request.TypeId = await lookupId(directory, 'ticketTypes', command.type);
  if (command.source) request.SourceId = await lookupId(directory, 'ticketSources', command.source);
  if (command.queue) request.QueueId = await lookupId(directory, 'queues', command.queue);
  if (command.assignee) request.AssigneeId = await lookupId(directory, 'assignees', command.assignee);
  return request;
}

export async function runTicketsCreate(
  command: TicketsCreateCommand,
  run: RunContext,
): Promise<CommandOutput> {
  const services = await run.services();
  const outcome = await createTicket(services.context, await createRequest(command, services));
  if (outcome.kind === 'uncertain') {
    const found = outcome.possibleTicket;
    const next = found
      ? `A ticket with this title was opened just now: ${ticketLabel(found)} (id ${found.Id}). Check it before you create the ticket again.`
      : 'No ticket with this title was found yet: check BMS before you create the ticket again.';
    throw failure(`BMS did not confirm the new ticket: ${terminalLine(outcome.error.message)} ${next}`);
  }
  const ticket = outcome.ticket;
  return {
    value: ticket,
    text: () => `Created ticket ${ticketLabel(ticket)} (id ${ticket.Id}).\n\n${renderTicket(ticket)}`,
  };
}

export async function runTicketsPatch(command: TicketsPatchCommand, run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const operations = command.changes.map((change) => buildPatchOperation(change.path, change.value));
  const ticket = await patchTicket(context, command.ticketId, operations);
  const fields = command.changes.map((change) => change.path.slice(1)).join(', ');
  return {
    value: ticket,
    text: () => `Changed ${fields} of ticket ${ticketLabel(ticket)}.\n\n${renderTicket(ticket)}`,
  };
}

export async function runTicketsAssign(
  command: TicketsAssignCommand,
  run: RunContext,
): Promise<CommandOutput> {
  const { context, directory } = await run.services();
  const noteType = resolveNoteType(command.type.id ?? command.type.name, await directory.noteTypes());
  const ticket = await assignTicket(context, command.ticketId, {
    Details: command.details,
    TypeId: noteType,
    StatusId: await lookupId(directory, 'statuses', command.status),
    QueueId: command.queue ? await lookupId(directory, 'queues', command.queue) : undefined,
    AssigneeId: command.assignee ? await lookupId(directory, 'assignees', command.assignee) : undefined,
    NoteDate: command.noteDate,
    IsInternal: !command.isPublic,
  });
  return { value: ticket, text: () => `Assigned ticket ${ticketLabel(ticket)}.\n\n${renderTicket(ticket)}` };
}

export async function runTicketsDelete(
  command: TicketsDeleteCommand,
  run: RunContext,
): Promise<CommandOutput> {
  const { context } = await run.services();
  await confirmDelete(run, command, findCommand(['tickets', 'delete'])?.usage ?? '', async () => {
    const ticket = await getTicket(context, { kind: 'id', id: command.ticketId });
    return `ticket ${ticketLabel(ticket)} (id ${ticket.Id})`;
  });
  await deleteTicket(context, command.ticketId);
  return {
    value: { ticketId: command.ticketId, deleted: true },
    text: () => `Deleted ticket ${command.ticketId}.`,
  };
}
