import type { types } from '@slack/bolt';
import type { TicketSummary } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { pageLabel } from './pager.ts';
import { slackDate } from './slack-dates.ts';
import { escapeWithin, SLACK_LIMITS, shorten, shortenLongWords } from './text-limits.ts';
import { viewTicketButton } from './ticket-actions.ts';
import { ticketLabel } from './ticket-card.ts';

/** Title characters a row shows; a row stays one or two lines on a phone. */
const ROW_TITLE_MAX = 120;

/** Builds one ticket row: number, title, the fields a technician scans, and a View button. */
export function ticketRow(ticket: TicketSummary): types.SectionBlock {
  const label = shorten(ticketLabel(ticket), ROW_TITLE_MAX);
  const facts = [
    ticket.StatusName,
    ticket.PriorityName,
    ticket.AccountName,
    ticket.AssigneeName ?? (ticket.QueueName ? `queue ${ticket.QueueName}` : undefined),
  ]
    .filter((fact): fact is string => Boolean(fact?.trim()))
    .map((fact) => escapeMrkdwn(fact));
  const due = slackDate(ticket.DueDate, '{date_short}');
  if (due) facts.push(`due ${due}`);
  return {
    type: 'section',
    block_id: `ticket_row_${ticket.Id}`,
    text: {
      type: 'mrkdwn',
      text: `*${escapeWithin(label, 400, escapeMrkdwn)}*\n${facts.join(' · ')}`,
    },
    accessory: viewTicketButton(ticket),
  };
}

/** Builds one page of `tickets list`: a summary line, one row per ticket and the pager. */
export function buildTicketList(options: {
  tickets: readonly TicketSummary[];
  total: number;
  page: number;
  pageCount: number;
  /** Plain-text description of the filters, e.g. `status New, assignee Jane Doe`. */
  filters: string[];
  pager?: types.ActionsBlock;
}): BlockMessage {
  const { tickets, total, page, pageCount } = options;
  const filters = options.filters.length > 0 ? ` (${options.filters.map(shortenLongWords).join(', ')})` : '';
  const counted = `${total.toLocaleString('en-US')} ${total === 1 ? 'ticket' : 'tickets'}`;
  const summary = [counted, pageLabel(page, pageCount)].filter(Boolean).join(', ');
  const heading = `*Tickets*${escapeMrkdwn(filters)}: ${summary}`;

  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: shorten(heading, SLACK_LIMITS.sectionText) } },
  ];
  if (tickets.length === 0) {
    const none = total > 0 ? `Page ${page} is past the last page.` : 'No tickets match.';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: none }] });
  }
  blocks.push(...tickets.map(ticketRow));
  if (options.pager) blocks.push(options.pager);
  return {
    text: escapeWithin(`Tickets${filters}: ${summary}`, SLACK_LIMITS.fallbackText, escapeMrkdwn),
    blocks,
  };
}
