import { systemClock } from '../clock.ts';
import * as accounts from './accounts.ts';
import * as lookups from './lookups.ts';
import * as notes from './notes.ts';
import { createRequester, type Requester } from './request.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
import * as security from './security.ts';
import * as templates from './templates.ts';
import { EndpointThrottle } from './throttle.ts';
import * as tickets from './tickets.ts';
import { createTransport } from './transport.ts';
import type { BmsApi, BmsClient, BmsClientOptions } from './types.ts';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_REQUESTS_PER_HOUR = 1500;
const DEFAULT_MAX_THROTTLE_WAIT_MS = 30_000;

/**
 * Creates the BMS client for one BMS host. Create it once per host and share it: its connection
 * pool and its per-endpoint rate limit serve every user.
 */
export function createBmsClient(options: BmsClientOptions): BmsClient {
  const clock = options.clock ?? systemClock;
  const retryPolicy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...definedOnly({
      maxRetries: options.retry?.maxRetries,
      baseDelayMs: options.retry?.baseDelayMs,
      maxDelayMs: options.retry?.maxDelayMs,
      sleep: options.retry?.sleep,
    }),
  };
  const transport = createTransport({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const throttle = new EndpointThrottle({
    requestsPerHour: options.throttle?.requestsPerHour ?? DEFAULT_REQUESTS_PER_HOUR,
    maxWaitMs: options.throttle?.maxWaitMs ?? DEFAULT_MAX_THROTTLE_WAIT_MS,
    clock,
    sleep: retryPolicy.sleep,
  });
  const request = createRequester({ transport, throttle, retryPolicy, logger: options.logger, clock });

  return {
    authenticate: (input) => security.authenticate(request, input),
    refreshToken: (tokens) => security.refreshToken(request, tokens),
    withToken: (accessToken) => createApi(request, accessToken),
    close: () => transport.close(),
  };
}

function createApi(request: Requester, token: string): BmsApi {
  return {
    getUserInfo: () => security.getUserInfo(request, token),
    lookupAccounts: (query) => accounts.lookupAccounts(request, token, query),
    lookupAllAccounts: (query) => accounts.lookupAllAccounts(request, token, query),
    lookupLocations: (accountId) => accounts.lookupLocations(request, token, accountId),
    searchTickets: (search) => tickets.searchTickets(request, token, search),
    getTicket: (ticketId) => tickets.getTicket(request, token, ticketId),
    createTicket: (input) => tickets.createTicket(request, token, input),
    patchTicket: (ticketId, operations) => tickets.patchTicket(request, token, ticketId, operations),
    deleteTicket: (ticketId) => tickets.deleteTicket(request, token, ticketId),
    assignTicket: (ticketId, input) => tickets.assignTicket(request, token, ticketId, input),
    listNotes: (ticketId, page) => notes.listNotes(request, token, ticketId, page),
    getNote: (ticketId, noteId) => notes.getNote(request, token, ticketId, noteId),
    createNote: (ticketId, input) => notes.createNote(request, token, ticketId, input),
    updateNote: (ticketId, noteId, input) => notes.updateNote(request, token, ticketId, noteId, input),
    deleteNote: (ticketId, noteId) => notes.deleteNote(request, token, ticketId, noteId),
    listTicketTemplates: () => templates.listTicketTemplates(request, token),
    getTicketTemplate: (templateId) => templates.getTicketTemplate(request, token, templateId),
    listNoteTemplates: () => templates.listNoteTemplates(request, token),
    listTimeLogTemplates: () => templates.listTimeLogTemplates(request, token),
    lookupStatuses: () => lookups.lookupStatuses(request, token),
    lookupPriorities: () => lookups.lookupPriorities(request, token),
    lookupQueues: () => lookups.lookupQueues(request, token),
    lookupAssignees: (query) => lookups.lookupAssignees(request, token, query),
    lookupIssueTypes: () => lookups.lookupIssueTypes(request, token),
    lookupWorkTypes: () => lookups.lookupWorkTypes(request, token),
    lookup: (tableName) => lookups.lookupTable(request, token, tableName),
    lookupTicketTypes: () => lookups.lookupTable(request, token, lookups.LOOKUP_TABLES.ticketTypes),
    lookupTicketSources: () => lookups.lookupTable(request, token, lookups.LOOKUP_TABLES.ticketSources),
    lookupNoteTypes: () => lookups.lookupTable(request, token, lookups.LOOKUP_TABLES.noteTypes),
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
