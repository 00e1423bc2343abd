import type { types } from '@slack/bolt';
import type { Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { SLACK_LIMITS, shorten } from './text-limits.ts';
import { buildTicketCard, TICKET_CARD_ACTIONS } from './ticket-card.ts';

/** Action id of the View buttons in ticket lists and on the Home tab; the value is the ticket id. */
export const TICKET_VIEW_ACTION = 'ticket_view';

function button(actionId: string, text: string, ticket: Pick<Ticket, 'Id'>): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value: String(ticket.Id),
  };
}

/**
 * Returns the action buttons every ticket card carries, for buildTicketCard's `extraActions`. Each
 * button's value is the ticket id; commands/ticket-card-actions.ts handles them.
 */
export function ticketCardActions(ticket: Pick<Ticket, 'Id'>): types.Button[] {
  return [
    button(TICKET_CARD_ACTIONS.addNote, 'Add note', ticket),
    button(TICKET_CARD_ACTIONS.changeStatus, 'Change status', ticket),
    button(TICKET_CARD_ACTIONS.assign, 'Assign', ticket),
    button(TICKET_CARD_ACTIONS.viewNotes, 'View notes', ticket),
    button(TICKET_CARD_ACTIONS.refresh, 'Refresh', ticket),
  ];
}

/** Builds a View button that shows the ticket's card. */
export function viewTicketButton(ticket: Pick<Ticket, 'Id'>): types.Button {
  return button(TICKET_VIEW_ACTION, 'View', ticket);
}

/**
 * Builds the ticket card with its action buttons. `notice` is a line of plain text under the
 * card about what the last action did, such as "Status changed to Closed".
 */
export function buildActionableCard(
  ticket: Ticket,
  options: { ticketUrlTemplate?: string; shareable: boolean; notice?: string },
): BlockMessage {
  const card = buildTicketCard(ticket, {
    ticketUrlTemplate: options.ticketUrlTemplate,
    shareable: options.shareable,
    extraActions: ticketCardActions(ticket),
  });
  if (!options.notice) return card;
  const notice = shorten(escapeMrkdwn(options.notice), SLACK_LIMITS.sectionText);
  return {
    text: card.text,
    blocks: [
      ...card.blocks,
      { type: 'context', elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${notice}` }] },
    ],
  };
}
