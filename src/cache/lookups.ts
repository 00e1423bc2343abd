import type {
  Assignee,
  BmsApi,
  IssueType,
  LookupItem,
  NoteTemplate,
  Priority,
  Queue,
  Status,
  TicketTemplateSummary,
  TimeLogTemplate,
  WorkType,
} from '../bms/index.ts';

/** The small lists behind the ticket and note dropdowns, by the name the cache keeps each under. */
export interface LookupLists {
  statuses: Status[];
  priorities: Priority[];
  queues: Queue[];
  ticketTypes: LookupItem[];
  ticketSources: LookupItem[];
  assignees: Assignee[];
  issueTypes: IssueType[];
  workTypes: WorkType[];
  noteTypes: LookupItem[];
  ticketTemplates: TicketTemplateSummary[];
  noteTemplates: NoteTemplate[];
  timeLogTemplates: TimeLogTemplate[];
}

export type LookupKind = keyof LookupLists;

/** The BMS call that loads each list; assignees are loaded whole, without a name filter. */
export const LOOKUP_LOADERS: { readonly [Kind in LookupKind]: (api: BmsApi) => Promise<LookupLists[Kind]> } =
  {
    statuses: (api) => api.lookupStatuses(),
    priorities: (api) => api.lookupPriorities(),
    queues: (api) => api.lookupQueues(),
    ticketTypes: (api) => api.lookupTicketTypes(),
    ticketSources: (api) => api.lookupTicketSources(),
    assignees: (api) => api.lookupAssignees(),
    issueTypes: (api) => api.lookupIssueTypes(),
    workTypes: (api) => api.lookupWorkTypes(),
    noteTypes: (api) => api.lookupNoteTypes(),
    ticketTemplates: (api) => api.listTicketTemplates(),
    noteTemplates: (api) => api.listNoteTemplates(),
    timeLogTemplates: (api) => api.listTimeLogTemplates(),
  };

export const LOOKUP_KINDS = Object.keys(LOOKUP_LOADERS) as LookupKind[];

export function isLookupKind(kind: string): kind is LookupKind {
  return Object.hasOwn(LOOKUP_LOADERS, kind);
}
