import {
  ISSUE_TYPE_IDS,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
  WORK_TYPE_IDS,
} from './fixtures.ts';
import type {
  AssigneeRecord,
  LookupRow,
  NoteTemplateRecord,
  TicketTemplateRecord,
  TimeLogTemplateRecord,
} from './records.ts';

/** Lookup tables of the sandbox tenant. They never change at run time, so reset leaves them alone. */

const OPEN_WORK = 1;
const COMPLETED_WORK = 2;

export const STATUSES: readonly LookupRow[] = [
  { id: STATUS_IDS.new, name: 'New', color: '#2E86DE', fontColor: '#FFFFFF', typeId: OPEN_WORK },
  { id: STATUS_IDS.open, name: 'Open', color: '#10AC84', fontColor: '#FFFFFF', typeId: OPEN_WORK },
  {
    id: STATUS_IDS.inProgress,
    name: 'In Progress',
    color: '#F39C12',
    fontColor: '#000000',
    typeId: OPEN_WORK,
  },
  {
    id: STATUS_IDS.waitingOnCustomer,
    name: 'Waiting on Customer',
    color: '#8E44AD',
    fontColor: '#FFFFFF',
    typeId: OPEN_WORK,
  },
  {
    id: STATUS_IDS.completed,
    name: 'Completed',
    color: '#7F8C8D',
    fontColor: '#FFFFFF',
    typeId: COMPLETED_WORK,
  },
  { id: STATUS_IDS.closed, name: 'Closed', color: '#34495E', fontColor: '#FFFFFF', typeId: COMPLETED_WORK },
];

export function isCompletedStatus(statusId: number): boolean {
  return STATUSES.find((status) => status.id === statusId)?.typeId === COMPLETED_WORK;
}

export const PRIORITIES: readonly LookupRow[] = [
  { id: PRIORITY_IDS.low, name: 'Low', color: '#95A5A6', isDefault: false },
  { id: PRIORITY_IDS.normal, name: 'Normal', color: '#3498DB', isDefault: true },
  { id: PRIORITY_IDS.high, name: 'High', color: '#E67E22', isDefault: false },
  { id: PRIORITY_IDS.critical, name: 'Critical', color: '#E74C3C', isDefault: false },
];

export const QUEUES: readonly LookupRow[] = [
  { id: QUEUE_IDS.serviceDesk, name: 'Service Desk', isActive: true },
  { id: QUEUE_IDS.infrastructure, name: 'Infrastructure', isActive: true },
  { id: QUEUE_IDS.projects, name: 'Projects', isActive: true },
  { id: QUEUE_IDS.onboarding, name: 'Onboarding', isActive: true },
  { id: QUEUE_IDS.archive, name: 'Archive', isActive: false },
];

export const TICKET_TYPES: readonly LookupRow[] = [
  { id: TICKET_TYPE_IDS.incident, name: 'Incident', isDefault: false, isActive: true },
  { id: TICKET_TYPE_IDS.serviceRequest, name: 'Service Request', isDefault: true, isActive: true },
  { id: TICKET_TYPE_IDS.problem, name: 'Problem', isDefault: false, isActive: true },
  { id: TICKET_TYPE_IDS.change, name: 'Change', isDefault: false, isActive: true },
];

export const TICKET_SOURCES: readonly LookupRow[] = [
  { id: TICKET_SOURCE_IDS.email, name: 'Email', isDefault: false, isActive: true },
  { id: TICKET_SOURCE_IDS.phone, name: 'Phone', isDefault: true, isActive: true },
  { id: TICKET_SOURCE_IDS.portal, name: 'Portal', isDefault: false, isActive: true },
  { id: TICKET_SOURCE_IDS.chat, name: 'Chat', isDefault: false, isActive: true },
  { id: TICKET_SOURCE_IDS.monitoring, name: 'Monitoring', isDefault: false, isActive: true },
];

export const NOTE_TYPES: readonly LookupRow[] = [
  { id: NOTE_TYPE_IDS.emailSent, name: 'Email Sent', isDefault: false, isActive: true },
  { id: NOTE_TYPE_IDS.emailReceived, name: 'Email Received', isDefault: false, isActive: true },
  { id: NOTE_TYPE_IDS.generalNotes, name: 'General Notes', isDefault: true, isActive: true },
  { id: NOTE_TYPE_IDS.phoneCall, name: 'Phone Call', isDefault: false, isActive: true },
  { id: NOTE_TYPE_IDS.resolution, name: 'Resolution', isDefault: false, isActive: true },
];

export const ISSUE_TYPES: readonly LookupRow[] = [
  { id: ISSUE_TYPE_IDS.hardware, name: 'Hardware', isActive: true },
  { id: ISSUE_TYPE_IDS.software, name: 'Software', isActive: true },
  { id: ISSUE_TYPE_IDS.network, name: 'Network', isActive: true },
  { id: ISSUE_TYPE_IDS.account, name: 'Account & Access', isActive: true },
  { id: ISSUE_TYPE_IDS.printing, name: 'Printing', isActive: true },
];

/** Sub-issue types by issue type id; ids are unique across all issue types. */
export const ISSUE_SUBTYPES: ReadonlyMap<number, readonly LookupRow[]> = new Map([
  [
    ISSUE_TYPE_IDS.hardware,
    [
      { id: 11, name: 'Laptop' },
      { id: 12, name: 'Desktop' },
      { id: 13, name: 'Server' },
    ],
  ],
  [
    ISSUE_TYPE_IDS.software,
    [
      { id: 21, name: 'Microsoft 365' },
      { id: 22, name: 'Line-of-business app' },
    ],
  ],
  [
    ISSUE_TYPE_IDS.network,
    [
      { id: 31, name: 'Wi-Fi' },
      { id: 32, name: 'VPN' },
      { id: 33, name: 'Firewall' },
    ],
  ],
  [
    ISSUE_TYPE_IDS.account,
    [
      { id: 41, name: 'Password reset' },
      { id: 42, name: 'New user' },
    ],
  ],
  [ISSUE_TYPE_IDS.printing, [{ id: 51, name: 'Printer offline' }]],
]);

export const WORK_TYPES: readonly LookupRow[] = [
  { id: WORK_TYPE_IDS.remote, name: 'Remote Support', isDefault: true, isActive: true },
  { id: WORK_TYPE_IDS.onSite, name: 'On-site Support', isDefault: false, isActive: true },
  { id: WORK_TYPE_IDS.travel, name: 'Travel', isDefault: false, isActive: true },
  { id: WORK_TYPE_IDS.afterHours, name: 'After Hours', isDefault: false, isActive: true },
];

/** Roles of time entries; the contract has no lookup for them, time-log templates refer to them. */
export const ROLES: readonly LookupRow[] = [
  { id: 1, name: 'Technician' },
  { id: 2, name: 'Engineer' },
];

export const ASSIGNEES: readonly AssigneeRecord[] = [
  {
    id: SANDBOX_USERS.jane.userId,
    name: SANDBOX_USERS.jane.fullName,
    email: SANDBOX_USERS.jane.email,
    jobTitle: 'Service Desk Technician',
  },
  {
    id: SANDBOX_USERS.mfa.userId,
    name: SANDBOX_USERS.mfa.fullName,
    email: SANDBOX_USERS.mfa.email,
    jobTitle: 'Field Engineer',
  },
  {
    id: SANDBOX_USERS.locked.userId,
    name: SANDBOX_USERS.locked.fullName,
    email: SANDBOX_USERS.locked.email,
    jobTitle: 'Service Desk Technician',
  },
  { id: 104, name: 'Ana Lima', email: 'ana.lima@sandbox-msp.example', jobTitle: 'Network Engineer' },
  { id: 105, name: 'Björn Ångström', email: 'bjorn.angstrom@sandbox-msp.example', jobTitle: 'Team Lead' },
  { id: 106, name: 'Chidi Okafor', email: 'chidi.okafor@sandbox-msp.example', jobTitle: 'Technician' },
  { id: 107, name: "Dana O'Neil", email: 'dana.oneil@sandbox-msp.example', jobTitle: 'Technician' },
  { id: 108, name: 'Élodie Marchand', email: 'elodie.marchand@sandbox-msp.example', jobTitle: 'Engineer' },
  { id: 109, name: 'Farah Haddad', email: 'farah.haddad@sandbox-msp.example', jobTitle: 'Account Manager' },
  { id: 110, name: 'Jane Doerr', email: 'jane.doerr@sandbox-msp.example', jobTitle: 'Technician' },
  { id: 111, name: 'Kenji Sato', email: 'kenji.sato@sandbox-msp.example', jobTitle: 'Engineer' },
  { id: 112, name: 'Zoë Van der Berg', email: 'zoe.vanderberg@sandbox-msp.example', jobTitle: 'Dispatcher' },
];

export const TICKET_TEMPLATES: readonly TicketTemplateRecord[] = [
  {
    id: TICKET_TEMPLATE_IDS.passwordReset,
    name: 'Password reset',
    title: 'Password reset',
    details: 'The user cannot sign in. Reset the password and confirm by phone.',
    priorityId: PRIORITY_IDS.normal,
    queueId: QUEUE_IDS.serviceDesk,
    ticketTypeId: TICKET_TYPE_IDS.serviceRequest,
    issueTypeId: ISSUE_TYPE_IDS.account,
  },
  {
    id: TICKET_TEMPLATE_IDS.newStarter,
    name: 'New starter',
    title: 'New starter: accounts and laptop',
    details: 'Create the accounts, prepare a laptop and send the welcome email.',
    queueId: QUEUE_IDS.onboarding,
    ticketTypeId: TICKET_TYPE_IDS.serviceRequest,
    workTypeId: WORK_TYPE_IDS.onSite,
  },
  {
    id: TICKET_TEMPLATE_IDS.printerFault,
    name: 'Printer fault',
    title: 'Printer not printing',
    priorityId: PRIORITY_IDS.high,
    assigneeId: SANDBOX_USERS.jane.userId,
    issueTypeId: ISSUE_TYPE_IDS.printing,
  },
  {
    id: TICKET_TEMPLATE_IDS.blankIncident,
    name: 'Blank incident',
    ticketTypeId: TICKET_TYPE_IDS.incident,
    priorityId: PRIORITY_IDS.normal,
  },
  {
    id: TICKET_TEMPLATE_IDS.serverOutage,
    name: 'Server outage',
    title: 'Server down',
    details: 'Monitoring reports the server as unreachable.',
    priorityId: PRIORITY_IDS.critical,
    queueId: QUEUE_IDS.infrastructure,
    assigneeId: 105,
    ticketTypeId: TICKET_TYPE_IDS.incident,
    issueTypeId: ISSUE_TYPE_IDS.hardware,
    subIssueTypeId: 13,
    workTypeId: WORK_TYPE_IDS.afterHours,
  },
];

export const NOTE_TEMPLATES: readonly NoteTemplateRecord[] = [
  { id: 1, name: 'Called customer', typeId: NOTE_TYPE_IDS.phoneCall, statusId: null, isInternal: false },
  {
    id: 2,
    name: 'Waiting for reply',
    typeId: NOTE_TYPE_IDS.emailSent,
    statusId: STATUS_IDS.waitingOnCustomer,
    isInternal: false,
  },
  { id: 3, name: 'Internal handover', typeId: NOTE_TYPE_IDS.generalNotes, statusId: null, isInternal: true },
  {
    id: 4,
    name: 'Resolved',
    typeId: NOTE_TYPE_IDS.resolution,
    statusId: STATUS_IDS.completed,
    isInternal: false,
  },
];

export const TIME_LOG_TEMPLATES: readonly TimeLogTemplateRecord[] = [
  {
    id: 1,
    name: 'Remote session (30 min)',
    notes: 'Remote session with the user.',
    internalNotes: null,
    roleId: 1,
    workTypeId: WORK_TYPE_IDS.remote,
    statusId: null,
    timespent: 0.5,
  },
  {
    id: 2,
    name: 'On-site visit (2 h)',
    notes: 'On-site visit.',
    internalNotes: 'Bill travel separately.',
    roleId: 2,
    workTypeId: WORK_TYPE_IDS.onSite,
    statusId: null,
    timespent: 2,
  },
];

/** Generic lookup tables by name, matched case-insensitively like the rest of the API. */
export const GENERIC_LOOKUP_TABLES: ReadonlyMap<string, readonly LookupRow[]> = new Map([
  ['tickettypes', TICKET_TYPES],
  ['ticketsources', TICKET_SOURCES],
  ['notetypes', NOTE_TYPES],
]);

export function findRow(rows: readonly LookupRow[], id: number | null | undefined): LookupRow | undefined {
  return id === null || id === undefined ? undefined : rows.find((row) => row.id === id);
}

export function findAssignee(id: number | null | undefined): AssigneeRecord | undefined {
  return id === null || id === undefined ? undefined : ASSIGNEES.find((assignee) => assignee.id === id);
}

export function findSubIssueType(id: number): { issueTypeId: number; row: LookupRow } | undefined {
  for (const [issueTypeId, rows] of ISSUE_SUBTYPES) {
    const row = rows.find((candidate) => candidate.id === id);
    if (row) return { issueTypeId, row };
  }
  return undefined;
}
