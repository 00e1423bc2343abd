import type { types } from '@slack/bolt';
import type { Note, Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { escapeWithin, shorten } from './text-limits.ts';
import { ticketLabel } from './ticket-card.ts';

/** Buttons of the delete confirmations; commands/delete-confirmation.ts handles them. */
export const DELETE_ACTIONS = {
  confirmTicket: 'ticket_delete_confirm',
  confirmNote: 'note_delete_confirm',
  cancel: 'delete_cancel',
} as const;

/** Characters of note text a confirmation quotes, so that the person knows which note is deleted. */
const QUOTED_NOTE_MAX = 300;

function confirmationBlocks(question: string, confirm: types.Button): types.KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: question } },
    {
      type: 'actions',
      block_id: 'delete_confirmation',
      elements: [
        confirm,
        {
          type: 'button',
          action_id: DELETE_ACTIONS.cancel,
          text: { type: 'plain_text', text: 'Cancel' },
          value: 'cancel',
        },
      ],
    },
  ];
}

/** Asks whether to delete the ticket; only its Delete button deletes. */
export function buildTicketDeleteConfirmation(ticket: Ticket): BlockMessage {
  const label = escapeWithin(ticketLabel(ticket), 500, escapeMrkdwn);
  return {
    text: `Delete ticket ${escapeMrkdwn(shorten(ticketLabel(ticket), 500))}?`,
    blocks: confirmationBlocks(`:wastebasket: Delete ticket *${label}*? BMS cannot undo this.`, {
      type: 'button',
      action_id: DELETE_ACTIONS.confirmTicket,
      style: 'danger',
      text: { type: 'plain_text', text: 'Delete ticket' },
      value: String(ticket.Id),
    }),
  };
}

/** Asks whether to delete the note, quoting its start; only its Delete button deletes. */
export function buildNoteDeleteConfirmation(ticketId: number, note: Note): BlockMessage {
  const quoted = escapeWithin(
    (note.Details ?? '').trim() || '(empty)',
    QUOTED_NOTE_MAX,
    escapeMrkdwn,
  ).replaceAll('\n', '\n>');
  const author = note.CreatedByName ? ` by ${escapeMrkdwn(note.CreatedByName)}` : '';
  return {
    text: `Delete note ${note.Id} of ticket ${ticketId}?`,
    blocks: confirmationBlocks(
      `:wastebasket: Delete note ${note.Id}${author} from ticket ${ticketId}? BMS cannot undo this.\n>${quoted}`,
      {
        type: 'button',
        action_id: DELETE_ACTIONS.confirmNote,
        style: 'danger',
        text: { type: 'plain_text', text: 'Delete note' },
        value: JSON.stringify({ ticketId, noteId: note.Id }),
      },
    ),
  };
}
