/** The BMS REST client: everything other modules may use. */
export {
  type AuthenticationFailure,
  type AuthenticationOperation,
  classifyAuthenticationFailure,
} from './auth-failure.ts';
export { createBmsClient } from './client.ts';
export { BmsError, type BmsErrorKind, isBmsError } from './errors.ts';
export { LOOKUP_TABLES } from './lookups.ts';
export type { Account, Location } from './schemas/accounts.ts';
export type { ErrorInfo, LookupItem } from './schemas/common.ts';
export type { Assignee, IssueType, Priority, Queue, Status, WorkType } from './schemas/lookups.ts';
export type { Note } from './schemas/notes.ts';
export type { UserInfo } from './schemas/security.ts';
export type {
  NoteTemplate,
  TicketTemplate,
  TicketTemplateSummary,
  TimeLogTemplate,
} from './schemas/templates.ts';
export type { Ticket, TicketSummary } from './schemas/tickets.ts';
export type {
  AssignInput,
  BmsApi,
  BmsClient,
  BmsClientOptions,
  LoginInput,
  NoteInput,
  Page,
  PatchOperation,
  TicketInput,
  TicketSearch,
  TokenSet,
} from './types.ts';
