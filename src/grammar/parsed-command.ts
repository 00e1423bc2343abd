import type { TicketReference } from '../services/ticket-reference.ts';

/**
 * A record given by id or by name, exactly one of the two. Names are resolved later against
 * BMS (accounts, locations, lookups), because the grammar never calls BMS.
 */
export interface NameOrId {
  id?: number;
  name?: string;
}

/** One `<path> <value>` pair of `tickets patch`. The value stays text: `buildPatchOperation` types it. */
export interface TicketChange {
  path: string;
  value: string;
}

/** Flags every command accepts. */
export interface GlobalOptions {
  /** `--json`: a terminal prints the result as JSON; Slack ignores it. */
  json: boolean;
  /** `--yes`: run a delete without asking for confirmation. */
  yes: boolean;
}

export interface HelpCommand extends GlobalOptions {
  name: 'help';
  /** Canonical command path, e.g. `['tickets', 'create']`; empty for the overview. */
  topic: string[];
}

export interface AuthLoginCommand extends GlobalOptions {
  name: 'auth.login';
}

export interface AuthLogoutCommand extends GlobalOptions {
  name: 'auth.logout';
}

export interface AuthRefreshCommand extends GlobalOptions {
  name: 'auth.refresh';
}

export interface AuthStatusCommand extends GlobalOptions {
  name: 'auth.status';
}

export interface AccountsListCommand extends GlobalOptions {
  name: 'accounts.list';
  /** The search words joined by single spaces; absent lists every account. */
  search?: string;
  /** Reload accounts from BMS instead of the cache. */
  refresh: boolean;
  page?: number;
}

export interface LocationsListCommand extends GlobalOptions {
  name: 'locations.list';
  account: NameOrId;
  refresh: boolean;
}

export interface TicketsListCommand extends GlobalOptions {
  name: 'tickets.list';
  /** Any of these statuses; empty means no status filter. */
  statuses: NameOrId[];
  assignee?: NameOrId;
  account?: NameOrId;
  queue?: NameOrId;
  priority?: NameOrId;
  /** Only tickets assigned to the person who typed the command. Never set together with `assignee`. */
  mine: boolean;
  page?: number;
}

export interface TicketsGetCommand extends GlobalOptions {
  name: 'tickets.get';
  ticket: TicketReference;
}

/**
 * Without `templateId`, the grammar guarantees title, details, account, location, status,
 * priority, type, source, and a queue or an assignee. With a template, any of them may be
 * missing, and `validateTicketInput` checks the merged result.
 */
export interface TicketsCreateCommand extends GlobalOptions {
  name: 'tickets.create';
  title?: string;
  details?: string;
  account?: NameOrId;
  location?: NameOrId;
  status?: NameOrId;
  priority?: NameOrId;
  type?: NameOrId;
  source?: NameOrId;
  queue?: NameOrId;
  assignee?: NameOrId;
  /** ISO 8601 with an offset. */
  openDate?: string;
  templateId?: number;
}

export interface TicketsPatchCommand extends GlobalOptions {
  name: 'tickets.patch';
  ticketId: number;
  /** At least one, each path at most once, in the order typed. */
  changes: TicketChange[];
}

export interface TicketsAssignCommand extends GlobalOptions {
  name: 'tickets.assign';
  ticketId: number;
  details: string;
  /** The note type of the note that the assignment writes. */
  type: NameOrId;
  status: NameOrId;
  /** At least one of queue and assignee is set. */
  queue?: NameOrId;
  assignee?: NameOrId;
  noteDate?: string;
  isPublic: boolean;
}

export interface TicketsDeleteCommand extends GlobalOptions {
  name: 'tickets.delete';
  ticketId: number;
}

export interface NotesListCommand extends GlobalOptions {
  name: 'notes.list';
  ticketId: number;
}

export interface NotesAddCommand extends GlobalOptions {
  name: 'notes.add';
  ticketId: number;
  /** Trimmed, not empty, at most 10,000 characters. */
  message: string;
  noteDate?: string;
  /** Note type; absent means the service's default (General Notes). */
  type?: NameOrId;
  isPublic: boolean;
  statusId?: number;
}

export interface NotesUpdateCommand extends GlobalOptions {
  name: 'notes.update';
  ticketId: number;
  noteId: number;
  message: string;
  noteDate?: string;
  type?: NameOrId;
  isPublic: boolean;
}

export interface NotesDeleteCommand extends GlobalOptions {
  name: 'notes.delete';
  ticketId: number;
  noteId: number;
}

export interface TicketTemplatesListCommand extends GlobalOptions {
  name: 'templates.tickets.list';
}

export interface TicketTemplatesGetCommand extends GlobalOptions {
  name: 'templates.tickets.get';
  templateId: number;
}

export interface NoteTemplatesListCommand extends GlobalOptions {
  name: 'templates.notes.list';
}

export interface TimeLogTemplatesListCommand extends GlobalOptions {
  name: 'templates.timelogs.list';
}

/** `create [title...]`: Slack opens the create form; a terminal points to `tickets create`. */
export interface CreateFormCommand extends GlobalOptions {
  name: 'create';
  title?: string;
}

export type ParsedCommand =
  | HelpCommand
  | AuthLoginCommand
  | AuthLogoutCommand
  | AuthRefreshCommand
  | AuthStatusCommand
  | AccountsListCommand
  | LocationsListCommand
  | TicketsListCommand
  | TicketsGetCommand
  | TicketsCreateCommand
  | TicketsPatchCommand
  | TicketsAssignCommand
  | TicketsDeleteCommand
  | NotesListCommand
  | NotesAddCommand
  | NotesUpdateCommand
  | NotesDeleteCommand
  | TicketTemplatesListCommand
  | TicketTemplatesGetCommand
  | NoteTemplatesListCommand
  | TimeLogTemplatesListCommand
  | CreateFormCommand;

export type CommandName = ParsedCommand['name'];

export interface ParseError {
  /** Sentence that names the invalid word and how to fix it. */
  message: string;
  /** Usage line of the command (or group) that was being read, without the `/bms ` or `bms ` prefix. */
  usage: string;
  /** Canonical path read before the error, e.g. `['tickets', 'create']`; empty when the first word failed. */
  commandPath: string[];
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: ParseError };
