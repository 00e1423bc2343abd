import type { types } from '@slack/bolt';
import type { Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { CREATE_TICKET_VIEWS } from './create-ticket-modal.ts';
import { SLACK_LIMITS, shorten } from './text-limits.ts';
import { ticketUrl } from './ticket-card.ts';

/**
 * The parts of a ticket that the result views and replies show. Title is absent when the app did
 * not read the ticket (a note added to a ticket typed by its id).
 */
export type TicketHeadline = Pick<Ticket, 'Id' | 'TicketNumber'> & { Title?: string };

/** Returns the ticket's number, or `#id` when BMS gave none. */
export function ticketNumberOf(ticket: Pick<Ticket, 'Id' | 'TicketNumber'>): string {
  return ticket.TicketNumber?.trim() || `#${ticket.Id}`;
}

/** Formats the ticket number as mrkdwn: a link when `BMS_TICKET_URL` is set, else the escaped number. */
export function ticketLink(
  ticket: Pick<Ticket, 'Id' | 'TicketNumber'>,
  urlTemplate: string | undefined,
): string {
  const number = escapeMrkdwn(ticketNumberOf(ticket));
  const url = ticketUrl(ticket, urlTemplate);
  // `|` and `>` end a link's URL in mrkdwn, so they are percent-encoded.
  return url ? `<${url.replaceAll('|', '%7C').replaceAll('>', '%3E')}|${number}>` : number;
}

/** Formats `T20240101.0001 (Printer offline)` as mrkdwn, with the title escaped and shortened. */
export function ticketMention(ticket: TicketHeadline, urlTemplate: string | undefined): string {
  if (ticket.Title === undefined) return ticketLink(ticket, urlTemplate);
  const title = ticket.Title?.trim() ? shorten(ticket.Title.trim(), 150) : 'no title';
  return `${ticketLink(ticket, urlTemplate)} (${escapeMrkdwn(title)})`;
}

const CREATING_TEXT =
  'Creating the ticket in BMS… This form shows the result; you may close it, the ticket is sent to you either way.';

/** Builds the view shown while BMS creates the ticket; `text` replaces the usual sentence. Plain text. */
export function buildTicketCreatingModal(text = CREATING_TEXT): types.ModalView {
  return {
    type: 'modal',
    callback_id: CREATE_TICKET_VIEWS.progress,
    title: { type: 'plain_text', text: 'Create BMS ticket' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: { type: 'plain_text', text: shorten(text, SLACK_LIMITS.sectionText) },
      },
    ],
  };
}

/** Builds the view shown when the ticket exists: after a slow create, or when the same form is submitted again. */
export function buildTicketCreatedModal(
  ticket: TicketHeadline,
  urlTemplate: string | undefined,
  lead = 'Created',
): types.ModalView {
  return {
    type: 'modal',
    callback_id: CREATE_TICKET_VIEWS.progress,
    title: { type: 'plain_text', text: 'Create BMS ticket' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: shorten(`${lead} ${ticketMention(ticket, urlTemplate)}.`, SLACK_LIMITS.sectionText),
        },
      },
    ],
  };
}

/** Builds the reply in the thread of the message a ticket was made from, so the channel learns it became a ticket. */
export function buildTicketCreatedThreadReply(
  ticket: TicketHeadline,
  urlTemplate: string | undefined,
  userId: string,
): { text: string; blocks: types.KnownBlock[] } {
  const text = `<@${userId}> created ticket ${ticketMention(ticket, urlTemplate)} from this message.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
