import { listNotes, updateNote } from '../src/services/index.ts';
import { buildNoteList, notesPage } from '../views/note-list.ts';
import { buildNotice } from '../views/notice-message.ts';
import { buildPager } from '../views/pager.ts';
import { addNoteOrKeep } from './note-retry.ts';
import { noteTypesOf, noteTypeValue } from './resolve-names.ts';
import { COMMAND_PAGE_ACTIONS, type CommandOf, type CommandWork } from './user-command.ts';

/** `notes list <ticket id>`: the notes newest first, ten a page. */
export const listTicketNotes: CommandWork<CommandOf<'notes.list'>> = async (run) => {
  const { parsed, user } = run;
  const notes = await listNotes(user.context, parsed.ticketId);
  const shown = notesPage(notes, run.page ?? 1);
  await run.reply(
    buildNoteList({
      ticketId: parsed.ticketId,
      notes: shown.notes,
      total: notes.length,
      page: shown.page,
      pageCount: shown.pageCount,
      pager: buildPager({ ...shown, actions: COMMAND_PAGE_ACTIONS, pageValue: run.pagerValue }),
    }),
  );
};

/** `notes add <ticket id> ...` and `note <ticket id> text...`: one POST; a refused note comes back with Retry. */
export const addTicketNote: CommandWork<CommandOf<'notes.add'>> = async (run) => {
  const { parsed, user, deps } = run;
  const request = {
    details: parsed.message,
    noteDate: parsed.noteDate,
    type: noteTypeValue(parsed.type),
    isPublic: parsed.isPublic,
    statusId: parsed.statusId,
  };
  const note = await addNoteOrKeep(deps, user, { ticketId: parsed.ticketId, request }, run.reply);
  if (!note) return;
  const visibility = note.IsInternal ? 'internal' : 'public';
  await run.reply(
    buildNotice(`:white_check_mark: Note ${note.Id} added to ticket ${parsed.ticketId} (${visibility}).`),
  );
};

/** `notes update <ticket id> <note id> ...`: replaces the note's text, date, type and visibility. */
export const updateTicketNote: CommandWork<CommandOf<'notes.update'>> = async (run) => {
  const { parsed, user, deps } = run;
  const noteTypes = await noteTypesOf(user, deps);
  const note = await updateNote(
    user.context,
    parsed.ticketId,
    parsed.noteId,
    {
      details: parsed.message,
      noteDate: parsed.noteDate,
      type: noteTypeValue(parsed.type),
      isPublic: parsed.isPublic,
    },
    noteTypes,
  );
  await run.reply(buildNotice(`:white_check_mark: Note ${note.Id} of ticket ${parsed.ticketId} updated.`));
};
