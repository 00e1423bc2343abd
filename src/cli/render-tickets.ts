import type { Ticket, TicketSummary } from '../bms/index.ts';
import { type Column, renderFields, renderTable } from './render-table.ts';
import { terminalLine, terminalText } from './terminal-text.ts';

/** Formats the ticket's number and title, as headings and confirmations name it. */
export function ticketLabel(ticket: Pick<Ticket, 'Id' | 'TicketNumber' | 'Title'>): string {
  const number = ticket.TicketNumber ? terminalLine(ticket.TicketNumber) : `#${ticket.Id}`;
  return `${number} ${terminalLine(ticket.Title) || '(no title)'}`;
}

function joined(...parts: (string | null | undefined)[]): string {
  return parts.filter((part) => part?.trim()).join(' / ');
}

/** Formats one ticket: its label, the fields a technician scans first, then the details in full. */
export function renderTicket(ticket: Ticket): string {
  const assignment = [ticket.AssigneeName, ticket.QueueName ? `queue ${ticket.QueueName}` : undefined]
    .filter(Boolean)
    .join(', ');
  const fields = renderFields([
    ['Id', ticket.Id],
    ['Status', ticket.StatusName ?? ticket.StatusId],
    ['Priority', ticket.PriorityName],
    ['Account', joined(ticket.AccountName, ticket.LocationName)],
    ['Contact', ticket.ContactName],
    ['Assigned to', assignment],
    ['Type', joined(ticket.TypeName, ticket.IssueTypeName, ticket.SubIssueTypeName)],
    ['Source', ticket.SourceName],
    ['Opened', ticket.OpenDate],
    ['Due', ticket.DueDate],
    ['Completed', ticket.CompletedDate],
  ]);
  const details = terminalText(ticket.Details).trim();
  const indented = details === '' ? '  (no details)' : details.replace(/^/gm, '  ');
  return [ticketLabel(ticket), '', fields, '', 'Details:', indented].join('\n');
}

const TICKET_COLUMNS: Column<TicketSummary>[] = [
  { header: 'Id', cell: (ticket) => ticket.Id },
  { header: 'Number', cell: (ticket) => ticket.TicketNumber },
  { header: 'Status', cell: (ticket) => ticket.StatusName },
  { header: 'Priority', cell: (ticket) => ticket.PriorityName },
  { header: 'Account', cell: (ticket) => ticket.AccountName },
  { header: 'Assignee', cell: (ticket) => ticket.AssigneeName ?? ticket.QueueName },
  { header: 'Title', cell: (ticket) => ticket.Title, flexible: true },
];

export interface TicketPage {
  items: TicketSummary[];
  total: number;
  pageNumber: number;
  pageSize: number;
}

/** Formats a page of tickets as a table, with a line that gives the page number and how to get the next. */
export function renderTicketPage(page: TicketPage, width: number | undefined): string {
  if (page.items.length === 0) {
    return page.pageNumber > 1 ? `No tickets on page ${page.pageNumber}.` : 'No tickets match.';
  }
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = (page.pageNumber - 1) * page.pageSize + 1;
  const last = first + page.items.length - 1;
  const footer = `Tickets ${first}-${last} of ${page.total}, page ${page.pageNumber} of ${pages}.${
    page.pageNumber < pages ? ` Add --page ${page.pageNumber + 1} for the next page.` : ''
  }`;
  return `${renderTable(page.items, TICKET_COLUMNS, width)}\n\n${footer}`;
}
