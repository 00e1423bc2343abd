import type { TicketSearch } from '../bms/index.ts';
import type { TicketsGetCommand, TicketsListCommand } from '../grammar/index.ts';
import { getTicket, searchTickets } from '../services/index.ts';
import { renderTicket, renderTicketPage } from './render-tickets.ts';
import { accountId, lookupName } from './resolve-names.ts';
import type { CommandOutput, RunContext } from './run-context.ts';
import { outputWidth } from './terminal.ts';

/** Tickets per page: a terminal shows more rows than a Slack message. */
export const TICKET_PAGE_SIZE = 25;

/** Turns the command's filters into BMS's search, which filters statuses, queues and the assignee by name. */
async function ticketSearch(command: TicketsListCommand, run: RunContext): Promise<TicketSearch> {
  const { directory } = await run.services();
  const search: TicketSearch = { pageSize: TICKET_PAGE_SIZE, pageNumber: command.page ?? 1 };
  if (command.statuses.length > 0) {
    search.status = await Promise.all(
      command.statuses.map((status) => lookupName(directory, 'statuses', status)),
    );
  }
  if (command.mine) search.assigneeName = (await run.session.ensure()).bmsUserName;
  if (command.assignee) search.assigneeName = await lookupName(directory, 'assignees', command.assignee);
  if (command.account) search.accountIds = [await accountId(directory, command.account)];
  if (command.queue) search.queueNames = [await lookupName(directory, 'queues', command.queue)];
  if (command.priority) search.priorityNames = [await lookupName(directory, 'priorities', command.priority)];
  return search;
}

export async function runTicketsList(command: TicketsListCommand, run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const page = await searchTickets(context, await ticketSearch(command, run));
  return { value: page, text: () => renderTicketPage(page, outputWidth(run.terminal)) };
}

export async function runTicketsGet(command: TicketsGetCommand, run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const ticket = await getTicket(context, command.ticket);
  return { value: ticket, text: () => renderTicket(ticket) };
}
