import type { Note } from '../bms/index.ts';
import { terminalLine, terminalText } from './terminal-text.ts';

/** Formats one note: a heading line with id, date, type, visibility and author, then the text indented. */
export function renderNote(note: Note): string {
  const heading = [
    `Note ${note.Id}`,
    terminalLine(note.NoteDate ?? note.CreatedOn),
    terminalLine(note.TypeName),
    note.IsInternal ? 'internal' : 'public',
    note.CreatedByName ? `by ${terminalLine(note.CreatedByName)}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  const text = terminalText(note.Details).trim();
  return `${heading}\n${(text === '' ? '(no text)' : text).replace(/^/gm, '  ')}`;
}

export function renderNotes(ticketId: number, notes: readonly Note[]): string {
  if (notes.length === 0) return `Ticket ${ticketId} has no notes.`;
  const count = notes.length === 1 ? '1 note' : `${notes.length} notes`;
  return [`Ticket ${ticketId}: ${count}, newest first.`, ...notes.map(renderNote)].join('\n\n');
}
