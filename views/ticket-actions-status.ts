import type { types } from '@slack/bolt';
import type { Status, Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { initialOf, modal, optionsOf, plain } from './modal-parts.ts';
import { escapeWithin } from './text-limits.ts';
import { ticketLabel } from './ticket-card.ts';

export const STATUS_MODAL = { callbackId: 'card_change_status', block: 'status', action: 'status' } as const;

/** Builds the Change status form: a select of the tenant's active statuses, the ticket's own preselected. */
export function buildStatusModal(
  ticket: Ticket,
  statuses: readonly Status[],
  privateMetadata: string,
): types.ModalView {
  const options = optionsOf(
    statuses.filter((status) => status.IsActive !== false || status.Id === ticket.StatusId),
  );
  const initial = initialOf(options, ticket.StatusId);
  return modal({
    callbackId: STATUS_MODAL.callbackId,
    title: 'Change status',
    submit: 'Change',
    privateMetadata,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeWithin(ticketLabel(ticket), 2000, escapeMrkdwn)}*` },
      },
      {
        type: 'input',
        block_id: STATUS_MODAL.block,
        label: plain('New status'),
        element: {
          type: 'static_select',
          action_id: STATUS_MODAL.action,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
    ],
  });
}
