import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Account, Location } from './schemas/accounts.ts';
import type { LookupItem } from './schemas/common.ts';
import type { Assignee, IssueType, Priority, Queue, Status, WorkType } from './schemas/lookups.ts';
import type { Note } from './schemas/notes.ts';
import type { UserInfo } from './schemas/security.ts';
import type {
  NoteTemplate,
  TicketTemplate,
  TicketTemplateSummary,
  TimeLogTemplate,
} from './schemas/templates.ts';
import type { Ticket, TicketSummary } from './schemas/tickets.ts';

export interface BmsClientOptions {
  /** BMS API origin, e.g. `https://api.bms.kaseya.com`; a trailing slash or path prefix is allowed. */
  baseUrl: string;
  logger: Logger;
  /** Limit in ms per request for connecting, for the response headers and for each pause in the body. Default 15000. */
  timeoutMs?: number;
  clock?: Clock;
  retry?: {
    /** Retries of a read after 429, 502, 503, 504 or a network failure. Default 3. */
    maxRetries?: number;
    /** Backoff before the first retry, doubled each time, with full jitter. Default 250. */
    baseDelayMs?: number;
    /** Maximum wait before one retry, also when `Retry-After` requests a longer wait. Default 8000. */
    maxDelayMs?: number;
    /** Waits; also used by the throttle. Tests pass one that moves a manual clock. */
    sleep?: (ms: number) => Promise<void>;
  };
  throttle?: {
    /** Maximum requests per endpoint in any sliding hour. Default 1500, BMS's documented limit. */
    requestsPerHour?: number;
    /** Maximum wait for a free slot before failing with 'rate_limited'. Default 30000. */
    maxWaitMs?: number;
  };
}

/** Tokens of one BMS session; expiry times in ms since the epoch. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number;
}

export interface LoginInput {
  tenant: string;
  userName: string;
  password: string;
  mfaCode?: string;
}

/** TicketInputDto: the fields BMS requires, plus the optional ones the app sets. Dates are ISO 8601 with offset. */
export interface TicketInput {
  Title: string;
  Details: string;
  AccountId: number;
  LocationId: number;
  StatusId: number;
  PriorityId: number;
  TypeId: number;
  SourceId: number;
  OpenDate: string;
  QueueId?: number | null;
  AssigneeId?: number | null;
  ContactId?: number | null;
  IssueTypeId?: number | null;
  SubIssueTypeId?: number | null;
  WorkTypeId?: number | null;
  DueDate?: string | null;
}

/** TicketNotePostInputDto and TicketNotePutInputDto. `NoteDate` is ISO 8601 with offset. */
export interface NoteInput {
  Details: string;
  IsInternal: boolean;
  TypeId: number;
  NoteDate: string;
  StatusId?: number | null;
}

/** AssignTicketInputDto: the assignment is recorded with a note. Set AssigneeId, QueueId or both. */
export interface AssignInput {
  Details: string;
  IsInternal: boolean;
  TypeId: number;
  StatusId: number;
  NoteDate: string;
  AssigneeId?: number | null;
  QueueId?: number | null;
}

/** One JSON Patch operation on a ticket, e.g. `{ op: 'replace', path: '/StatusId', value: 6 }`. */
export interface PatchOperation {
  op: 'replace' | 'add' | 'remove';
  path: string;
  value?: unknown;
}

/** Ticket search criteria; lists of names match any of them. */
export interface TicketSearch {
  status?: string[];
  assigneeName?: string;
  accountIds?: number[];
  accountLocationId?: number;
  queueNames?: string[];
  priorityNames?: string[];
  title?: string;
  ticketNumber?: string;
  /** ISO 8601 date-time. */
  openDateFrom?: string;
  /** ISO 8601 date-time. */
  openDateTo?: string;
  excludeCompleted?: boolean;
  /** BMS sort expression, passed as given. */
  sort?: string;
  pageSize?: number;
  pageNumber?: number;
}

/** One page of the account lookup: `name` matches part of the name, `id` selects one account. */
export interface AccountQuery {
  name?: string;
  id?: number;
  pageSize?: number;
  pageNumber?: number;
}

export interface Page<Item> {
  items: Item[];
  /** Items across all pages, from `TotalRecords`. */
  total: number;
}

export interface BmsClient {
  authenticate(input: LoginInput): Promise<TokenSet>;
  refreshToken(tokens: { accessToken: string; refreshToken: string }): Promise<TokenSet>;
  /** Returns the API as the owner of `accessToken`. Cheap: every token shares the client's connection pool. */
  withToken(accessToken: string): BmsApi;
  close(): Promise<void>;
}

export interface BmsApi {
  getUserInfo(): Promise<UserInfo>;
  lookupAccounts(query?: AccountQuery): Promise<Page<Account>>;
  /** Follows every page. */
  lookupAllAccounts(query?: { name?: string; pageSize?: number }): Promise<Account[]>;
  lookupLocations(accountId: number): Promise<Location[]>;
  searchTickets(filter: TicketSearch): Promise<Page<TicketSummary>>;
  getTicket(ticketId: number): Promise<Ticket>;
  /** Never retried: BMS has no idempotency key, and a lost response may hide a created ticket. */
  createTicket(input: TicketInput): Promise<Ticket>;
  /** Never retried. */
  patchTicket(ticketId: number, operations: PatchOperation[]): Promise<Ticket>;
  deleteTicket(ticketId: number): Promise<void>;
  /** Never retried. */
  assignTicket(ticketId: number, input: AssignInput): Promise<void>;
  listNotes(ticketId: number, page?: { pageSize?: number; pageNumber?: number }): Promise<Note[]>;
  getNote(ticketId: number, noteId: number): Promise<Note>;
  /** Never retried. */
  createNote(ticketId: number, input: NoteInput): Promise<Note>;
  updateNote(ticketId: number, noteId: number, input: NoteInput): Promise<Note>;
  deleteNote(ticketId: number, noteId: number): Promise<void>;
  listTicketTemplates(): Promise<TicketTemplateSummary[]>;
  getTicketTemplate(templateId: number): Promise<TicketTemplate>;
  listNoteTemplates(): Promise<NoteTemplate[]>;
  listTimeLogTemplates(): Promise<TimeLogTemplate[]>;
  lookupStatuses(): Promise<Status[]>;
  lookupPriorities(): Promise<Priority[]>;
  lookupQueues(): Promise<Queue[]>;
  lookupAssignees(query?: { name?: string }): Promise<Assignee[]>;
  lookupIssueTypes(): Promise<IssueType[]>;
  lookupWorkTypes(): Promise<WorkType[]>;
  /** Generic `/v2/system/lookup/{tableName}`. */
  lookup(tableName: string): Promise<LookupItem[]>;
  lookupTicketTypes(): Promise<LookupItem[]>;
  lookupTicketSources(): Promise<LookupItem[]>;
  lookupNoteTypes(): Promise<LookupItem[]>;
}
