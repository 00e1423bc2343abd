import type { types } from '@slack/bolt';
import type { Note, Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { modal } from './modal-parts.ts';
import { noteBlocks, notesPage } from './note-list.ts';
import { buildPager, pageLabel } from './pager.ts';
import { escapeWithin, SLACK_LIMITS } from './text-limits.ts';
import { ticketLabel } from './ticket-card.ts';

/** Callback id and buttons of the View notes modal; commands/ticket-card-actions-notes.ts handles them. */
export const NOTES_MODAL = {
  callbackId: 'card_notes',
  previous: 'card_notes_previous',
  next: 'card_notes_next',
  edit: 'card_notes_edit',
  delete: 'card_notes_delete',
  confirmDelete: 'card_notes_delete_confirmed',
  keep: 'card_notes_keep',
} as const;

/**
 * Builds one page of a ticket's notes, newest first, with Edit and Delete under the notes of
 * `ownerId`. `status` is a plain-text line about the last action; `confirmingNoteId` shows the
 * confirmation buttons under that note instead of Edit and Delete.
 */
export function buildNotesModal(options: {
  ticket: Pick<Ticket, 'Id' | 'TicketNumber' | 'Title'>;
  notes: readonly Note[];
  page: number;
  ownerId: number;
  confirmingNoteId?: number;
  status?: string;
  privateMetadata: string;
}): types.ModalView {
  const shown = notesPage(options.notes, options.page);
  const total = options.notes.length;
  const summary = [
    `${total} ${total === 1 ? 'note' : 'notes'}, newest first`,
    pageLabel(shown.page, shown.pageCount),
  ]
    .filter(Boolean)
    .join(', ');
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeWithin(ticketLabel(options.ticket), 2000, escapeMrkdwn)}*\n${summary}`,
      },
    },
  ];
  if (options.status) {
    const status = escapeWithin(options.status, SLACK_LIMITS.sectionText, escapeMrkdwn);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: status }] });
  }
  if (total === 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'The ticket has no notes.' }] });
  blocks.push(
    ...noteBlocks(shown.notes, {
      ownerId: options.ownerId,
      confirmingNoteId: options.confirmingNoteId,
      actions: {
        edit: NOTES_MODAL.edit,
        delete: NOTES_MODAL.delete,
        confirmDelete: NOTES_MODAL.confirmDelete,
        keep: NOTES_MODAL.keep,
      },
    }),
  );
  const pager = buildPager({
    page: shown.page,
    pageCount: shown.pageCount,
    actions: { previous: NOTES_MODAL.previous, next: NOTES_MODAL.next },
    pageValue: (page) => String(page),
    blockId: 'notes_pager',
  });
  if (pager) blocks.push(pager);
  return modal({
    callbackId: NOTES_MODAL.callbackId,
    title: `Notes of ${options.ticket.TicketNumber ?? `#${options.ticket.Id}`}`,
    close: 'Close',
    privateMetadata: options.privateMetadata,
    blocks,
  });
}
