import {
  findCommand,
  type NameOrId,
  type NotesAddCommand,
  type NotesDeleteCommand,
  type NotesListCommand,
  type NotesUpdateCommand,
} from '../grammar/index.ts';
import { addNote, deleteNote, listNotes, type NoteRequest, updateNote } from '../services/index.ts';
import { confirmDelete } from './confirm-delete.ts';
import { renderNote, renderNotes } from './render-notes.ts';
import type { CommandOutput, RunContext } from './run-context.ts';

function noteRequest(command: NotesAddCommand | NotesUpdateCommand): NoteRequest {
  const type: NameOrId | undefined = command.type;
  return {
    details: command.message,
    noteDate: command.noteDate,
    type: type?.id ?? type?.name,
    isPublic: command.isPublic,
    statusId: command.name === 'notes.add' ? command.statusId : undefined,
  };
}

export async function runNotesList(command: NotesListCommand, run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const notes = await listNotes(context, command.ticketId);
  return { value: notes, text: () => renderNotes(command.ticketId, notes) };
}

export async function runNotesAdd(command: NotesAddCommand, run: RunContext): Promise<CommandOutput> {
  const { context, directory } = await run.services();
  const note = await addNote(context, command.ticketId, noteRequest(command), await directory.noteTypes());
  return {
    value: note,
    text: () => `Added note ${note.Id} to ticket ${command.ticketId}.\n\n${renderNote(note)}`,
  };
}

export async function runNotesUpdate(command: NotesUpdateCommand, run: RunContext): Promise<CommandOutput> {
  const { context, directory } = await run.services();
  const note = await updateNote(
    context,
    command.ticketId,
    command.noteId,
    noteRequest(command),
    await directory.noteTypes(),
  );
  return {
    value: note,
    text: () => `Changed note ${note.Id} of ticket ${command.ticketId}.\n\n${renderNote(note)}`,
  };
}

export async function runNotesDelete(command: NotesDeleteCommand, run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  await confirmDelete(
    run,
    command,
    findCommand(['notes', 'delete'])?.usage ?? '',
    async () => `note ${command.noteId} of ticket ${command.ticketId}`,
  );
  await deleteNote(context, command.ticketId, command.noteId);
  return {
    value: { ticketId: command.ticketId, noteId: command.noteId, deleted: true },
    text: () => `Deleted note ${command.noteId} of ticket ${command.ticketId}.`,
  };
}
