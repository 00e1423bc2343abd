import type { types } from '@slack/bolt';
import type { Note } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { pageLabel } from './pager.ts';
import { slackDate } from './slack-dates.ts';
import { escapeWithin } from './text-limits.ts';

/** Notes per page, in messages and in the notes modal. */
export const NOTES_PAGE_SIZE = 10;

/** Characters of a note's text shown in a list; the rest stays in BMS. */
const NOTE_TEXT_SHOWN = 900;

/** Buttons on the person's own notes, and the note whose deletion waits for confirmation. */
export interface NoteEditing {
  actions: { edit: string; delete: string; confirmDelete: string; keep: string };
  /** Only notes whose CreatedBy is this BMS user id get Edit and Delete. */
  ownerId: number;
  confirmingNoteId?: number;
}

function noteHeading(note: Note): string {
  const parts = [
    `*${escapeMrkdwn(note.CreatedByName?.trim() || 'Unknown author')}*`,
    slackDate(note.NoteDate ?? note.CreatedOn),
    note.IsInternal ? 'internal' : 'public',
    note.TypeName ? escapeMrkdwn(note.TypeName) : undefined,
    `note ${note.Id}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function noteText(note: Note): string {
  const text = (note.Details ?? '').trim();
  if (text === '') return '_(empty)_';
  return `>${escapeWithin(text, NOTE_TEXT_SHOWN, escapeMrkdwn).replaceAll('\n', '\n>')}`;
}

function button(actionId: string, text: string, value: string, style?: 'danger' | 'primary'): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  };
}

/** Builds the blocks of some notes: a section each, and Edit and Delete under the person's own notes. */
export function noteBlocks(notes: readonly Note[], editing?: NoteEditing): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  for (const note of notes) {
    blocks.push({
      type: 'section',
      block_id: `note_${note.Id}`,
      text: { type: 'mrkdwn', text: `${noteHeading(note)}\n${noteText(note)}` },
    });
    if (!editing || note.CreatedBy !== editing.ownerId) continue;
    const value = String(note.Id);
    const elements =
      editing.confirmingNoteId === note.Id
        ? [
            button(editing.actions.confirmDelete, 'Delete this note', value, 'danger'),
            button(editing.actions.keep, 'Keep it', value),
          ]
        : [button(editing.actions.edit, 'Edit', value), button(editing.actions.delete, 'Delete', value)];
    blocks.push({ type: 'actions', block_id: `note_actions_${note.Id}`, elements });
  }
  return blocks;
}

/** Returns the notes of one page; `page` is clamped to the pages there are. */
export function notesPage(
  notes: readonly Note[],
  page: number,
): { notes: Note[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(notes.length / NOTES_PAGE_SIZE));
  const shown = Math.min(Math.max(1, page), pageCount);
  const start = (shown - 1) * NOTES_PAGE_SIZE;
  return { notes: notes.slice(start, start + NOTES_PAGE_SIZE), page: shown, pageCount };
}

/** Builds one page of the `notes list` reply, newest first. */
export function buildNoteList(options: {
  ticketId: number;
  notes: readonly Note[];
  total: number;
  page: number;
  pageCount: number;
  pager?: types.ActionsBlock;
}): BlockMessage {
  const counted = `${options.total} ${options.total === 1 ? 'note' : 'notes'}`;
  const summary = [counted, pageLabel(options.page, options.pageCount)].filter(Boolean).join(', ');
  const heading = `*Notes of ticket ${options.ticketId}*, newest first: ${summary}`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: heading } }];
  if (options.total === 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'The ticket has no notes.' }] });
  blocks.push(...noteBlocks(options.notes));
  if (options.pager) blocks.push(options.pager);
  return { text: `Notes of ticket ${options.ticketId}: ${summary}`, blocks };
}
