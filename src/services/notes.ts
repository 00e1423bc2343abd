import type { LookupItem, Note, NoteInput } from '../bms/index.ts';
import type { ServiceContext } from './context.ts';
import { foldName } from './name-matching.ts';
import { formatIsoUtc, parseIsoDateTime, ValidationError } from './validation.ts';

export interface NoteType {
  id: number;
  name: string;
}

export interface NoteRequest {
  details?: string;
  /** ISO 8601 with an offset; now when absent. */
  noteDate?: string;
  /** A note type id, or a note type's name as configured. */
  type?: number | string;
  /** Internal (visible to technicians only) unless set to true. */
  isPublic?: boolean;
  statusId?: number;
}

/** Note types from the tenant's lookup when it answers, else the configured list. */
export async function loadNoteTypes(context: ServiceContext, configured: NoteType[]): Promise<NoteType[]> {
  try {
    const items: LookupItem[] = await context.api.lookupNoteTypes();
    const fromTenant = items
      .filter((item) => item.Name)
      .map((item) => ({ id: item.Id, name: String(item.Name) }));
    return fromTenant.length > 0 ? fromTenant : configured;
  } catch {
    // The lookup's table name is not published and differs between tenants: the configured list is the documented fallback.
    return configured;
  }
}

/** Finds a note type by id or by name (ignoring case and accents). */
export function resolveNoteType(
  type: number | string | undefined,
  noteTypes: NoteType[],
  fallbackName = 'General Notes',
): number {
  if (type === undefined || (typeof type === 'string' && type.trim() === '')) {
    const fallback =
      noteTypes.find((noteType) => foldName(noteType.name) === foldName(fallbackName)) ?? noteTypes[0];
    if (!fallback) throw new ValidationError({ TypeId: 'No note types are configured: set BMS_NOTE_TYPES.' });
    return fallback.id;
  }
  const text = String(type).trim();
  const known = noteTypes.map((noteType) => `${noteType.id} ${noteType.name}`).join(', ');
  if (/^\d+$/.test(text)) {
    const id = Number(text);
    if (noteTypes.some((noteType) => noteType.id === id)) return id;
    throw new ValidationError({ TypeId: `Note type ${id} does not exist. Known note types: ${known}.` });
  }
  const match = noteTypes.find((noteType) => foldName(noteType.name) === foldName(text));
  if (match) return match.id;
  throw new ValidationError({ TypeId: `"${text}" is not a note type. Known note types: ${known}.` });
}

function buildNoteInput(context: ServiceContext, request: NoteRequest, noteTypes: NoteType[]): NoteInput {
  const problems: Record<string, string> = {};
  const details = request.details?.trim() ?? '';
  if (details === '') problems.Details = 'The note is empty: type the text of the note.';

  let noteDate = formatIsoUtc(context.clock());
  if (request.noteDate !== undefined && request.noteDate.trim() !== '') {
    const parsed = parseIsoDateTime(request.noteDate);
    if (parsed) noteDate = parsed;
    else
      problems.NoteDate = `"${request.noteDate}" is not a date: use ISO 8601 with an offset, e.g. 2026-04-07T12:00:00+00:00.`;
  }

  let typeId = -1;
  try {
    typeId = resolveNoteType(request.type, noteTypes);
  } catch (error) {
    if (error instanceof ValidationError) Object.assign(problems, error.fields);
    else throw error;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);

  return {
    Details: details,
    IsInternal: request.isPublic !== true,
    TypeId: typeId,
    NoteDate: noteDate,
    ...(request.statusId !== undefined ? { StatusId: request.statusId } : {}),
  };
}

/** Notes of a ticket, newest first. */
export async function listNotes(context: ServiceContext, ticketId: number): Promise<Note[]> {
  const notes = await context.api.listNotes(ticketId);
  const time = (note: Note) => Date.parse(note.NoteDate ?? note.CreatedOn ?? '') || 0;
  return [...notes].sort((left, right) => time(right) - time(left) || right.Id - left.Id);
}

/** Adds a note with exactly one POST; never retried, so a refused note can be resent by the person. */
export async function addNote(
  context: ServiceContext,
  ticketId: number,
  request: NoteRequest,
  noteTypes: NoteType[],
): Promise<Note> {
  const input = buildNoteInput(context, request, noteTypes);
  return context.api.createNote(ticketId, input);
}

export async function updateNote(
  context: ServiceContext,
  ticketId: number,
  noteId: number,
  request: NoteRequest,
  noteTypes: NoteType[],
): Promise<Note> {
  const input = buildNoteInput(context, request, noteTypes);
  return context.api.updateNote(ticketId, noteId, input);
}

export async function deleteNote(context: ServiceContext, ticketId: number, noteId: number): Promise<void> {
  await context.api.deleteNote(ticketId, noteId);
}
