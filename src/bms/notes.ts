import { checkId, type Requester } from './request.ts';
import { listOf, noResultSchema } from './schemas/common.ts';
import { type Note, noteSchema } from './schemas/notes.ts';
import type { NoteInput } from './types.ts';

const NOTES = '/v2/servicedesk/tickets/{ticketId}/notes';
const NOTE = '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}';

export async function listNotes(
  request: Requester,
  accessToken: string,
  ticketId: number,
  page: { pageSize?: number; pageNumber?: number } = {},
): Promise<Note[]> {
  const { result } = await request({
    method: 'GET',
    template: NOTES,
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    query: { PageSize: page.pageSize, PageNumber: page.pageNumber },
    accessToken,
    isRead: true,
    resultSchema: listOf(noteSchema),
  });
  return result;
}

export async function getNote(
  request: Requester,
  accessToken: string,
  ticketId: number,
  noteId: number,
): Promise<Note> {
  const { result } = await request({
    method: 'GET',
    template: NOTE,
    pathParams: { ticketId: checkId(ticketId, 'ticket id'), noteId: checkId(noteId, 'note id') },
    accessToken,
    isRead: true,
    resultSchema: noteSchema,
  });
  return result;
}

/** Adds a note; `NoteDate` may lie in the past, e.g. the time of the Slack message it copies. */
export async function createNote(
  request: Requester,
  accessToken: string,
  ticketId: number,
  input: NoteInput,
): Promise<Note> {
  const { result } = await request({
    method: 'POST',
    template: NOTES,
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    body: { type: 'json', value: input },
    accessToken,
    isRead: false,
    resultSchema: noteSchema,
  });
  return result;
}

export async function updateNote(
  request: Requester,
  accessToken: string,
  ticketId: number,
  noteId: number,
  input: NoteInput,
): Promise<Note> {
  const { result } = await request({
    method: 'PUT',
    template: NOTE,
    pathParams: { ticketId: checkId(ticketId, 'ticket id'), noteId: checkId(noteId, 'note id') },
    body: { type: 'json', value: input },
    accessToken,
    isRead: false,
    resultSchema: noteSchema,
  });
  return result;
}

export async function deleteNote(
  request: Requester,
  accessToken: string,
  ticketId: number,
  noteId: number,
): Promise<void> {
  await request({
    method: 'DELETE',
    template: NOTE,
    pathParams: { ticketId: checkId(ticketId, 'ticket id'), noteId: checkId(noteId, 'note id') },
    accessToken,
    isRead: false,
    resultSchema: noResultSchema,
    acceptsEmptyBody: true,
  });
}
