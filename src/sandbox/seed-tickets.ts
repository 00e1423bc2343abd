import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  FIRST_TICKET_NOTE_IDS,
  FIXED_ACCOUNTS,
  HOSTILE_TICKET_IDS,
  HOSTILE_TITLES,
  LONG_DETAILS_LENGTH,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  RESTRICTED_ACCOUNT_ID,
  RESTRICTED_TICKET_ID,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TYPE_IDS,
  WORK_TYPE_IDS,
} from './fixtures.ts';
import {
  ASSIGNEES,
  ISSUE_SUBTYPES,
  ISSUE_TYPES,
  isCompletedStatus,
  NOTE_TYPES,
  PRIORITIES,
  QUEUES,
  WORK_TYPES,
} from './lookups.ts';
import { NOTE_SENTENCES, TICKET_SUBJECTS } from './names.ts';
import { createPrng, type Prng } from './prng.ts';
import type { NoteRecord, TicketRecord, TimeEntryRecord } from './records.ts';
import type { AccountDirectory } from './seed-accounts.ts';
import { formatTicketNumber, ticketDay } from './ticket-number.ts';

/** Tickets, notes and time entries: the data that requests change and reset rebuilds. */
export interface ServiceDesk {
  tickets: Map<number, TicketRecord>;
  notes: Map<number, NoteRecord>;
  notesByTicket: Map<number, NoteRecord[]>;
  timeEntriesByTicket: Map<number, TimeEntryRecord[]>;
  /** Last daily sequence number used per `yyyymmdd`, for the next ticket number of that day. */
  lastSequenceByDay: Map<string, number>;
  nextTicketId: number;
  nextNoteId: number;
  nextTimeEntryId: number;
}

const TICKET_SEED = 0x5eed_71c7;
const FIRST_OPEN_DATE = Date.UTC(2024, 0, 1, 8, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Older tickets are mostly finished; only the newest fifth of the seed is mostly open. */
const OPEN_TAIL_SHARE = 0.2;

const VISIBLE_FIXED_ACCOUNT_IDS = FIXED_ACCOUNTS.map((account) => account.id).filter(
  (id) => id !== RESTRICTED_ACCOUNT_ID,
);
const ACTIVE_QUEUE_IDS = QUEUES.filter((queue) => queue.isActive).map((queue) => queue.id);
const FIXED_TICKET_IDS = new Set<number>([
  FIRST_TICKET_ID,
  RESTRICTED_TICKET_ID,
  ...Object.values(HOSTILE_TICKET_IDS),
]);
const OPEN_STATUS_IDS = [
  STATUS_IDS.new,
  STATUS_IDS.open,
  STATUS_IDS.inProgress,
  STATUS_IDS.waitingOnCustomer,
];

export function buildServiceDesk(directory: AccountDirectory, ticketCount: number): ServiceDesk {
  const prng = createPrng(TICKET_SEED);
  const desk: ServiceDesk = {
    tickets: new Map(),
    notes: new Map(),
    notesByTicket: new Map(),
    timeEntriesByTicket: new Map(),
    lastSequenceByDay: new Map(),
    nextTicketId: FIRST_TICKET_ID + ticketCount,
    nextNoteId: 1,
    nextTimeEntryId: 1,
  };

  let dayIndex = 0;
  let day = ticketDay(new Date(FIRST_OPEN_DATE).toISOString());
  let sequence = 0;
  let ticketsToday = prng.int(3, 11);
  for (let index = 0; index < ticketCount; index++) {
    if (sequence >= ticketsToday) {
      dayIndex++;
      day = ticketDay(new Date(FIRST_OPEN_DATE + dayIndex * DAY).toISOString());
      sequence = 0;
      ticketsToday = prng.int(3, 11);
    }
    sequence++;
    const openMs = FIRST_OPEN_DATE + dayIndex * DAY + (sequence - 1) * 47 * MINUTE + prng.int(0, 40) * MINUTE;
    const ticket = generateTicket(prng, directory, FIRST_TICKET_ID + index, openMs, index / ticketCount);
    ticket.ticketNumber = formatTicketNumber(day, sequence);
    if (FIXED_TICKET_IDS.has(ticket.id)) applyFixedTicket(ticket, directory);
    desk.tickets.set(ticket.id, ticket);
    desk.lastSequenceByDay.set(day, sequence);

    const notes =
      ticket.id === FIRST_TICKET_ID ? firstTicketNotes(ticket) : generateNotes(prng, ticket, desk);
    desk.notesByTicket.set(ticket.id, notes);
    for (const note of notes) desk.notes.set(note.id, note);
    for (const note of notes) desk.nextNoteId = Math.max(desk.nextNoteId, note.id + 1);
  }

  const first = desk.tickets.get(FIRST_TICKET_ID);
  if (first) desk.timeEntriesByTicket.set(first.id, [firstTicketTimeEntry(first, desk.nextTimeEntryId++)]);
  return desk;
}

function generateTicket(
  prng: Prng,
  directory: AccountDirectory,
  id: number,
  openMs: number,
  ageFraction: number,
): TicketRecord {
  const accountId = pickAccountId(prng, directory.accounts.size);
  const location = prng.pick(directory.locationsByAccount.get(accountId) ?? []);
  const contacts = directory.contactsByAccount.get(accountId) ?? [];
  const contact = contacts.length > 0 && prng.chance(0.7) ? prng.pick(contacts) : null;

  const isOld = ageFraction < 1 - OPEN_TAIL_SHARE;
  const statusId =
    isOld && prng.chance(0.85)
      ? prng.pick([STATUS_IDS.completed, STATUS_IDS.closed])
      : prng.pick(OPEN_STATUS_IDS);
  const routing = prng.int(0, 2);
  const queueId = routing === 1 ? null : prng.pick(ACTIVE_QUEUE_IDS);
  const assigneeId = routing === 0 ? null : prng.pick(ASSIGNEES).id;
  const issueTypeId = prng.chance(0.6) ? prng.pick(ISSUE_TYPES).id : null;
  const subIssueTypes = issueTypeId === null ? [] : (ISSUE_SUBTYPES.get(issueTypeId) ?? []);
  const subIssueTypeId = subIssueTypes.length > 0 && prng.chance(0.5) ? prng.pick(subIssueTypes).id : null;
  const workTypeId = prng.chance(0.5) ? prng.pick(WORK_TYPES).id : null;

  const openDate = new Date(openMs).toISOString();
  const completedDate = isCompletedStatus(statusId)
    ? new Date(openMs + prng.int(1, 120) * HOUR).toISOString()
    : null;
  const lastActivity = completedDate ?? new Date(openMs + prng.int(0, 48) * HOUR).toISOString();
  return {
    id,
    ticketNumber: '',
    title: prng.pick(TICKET_SUBJECTS),
    details: `${prng.pick(NOTE_SENTENCES)} ${prng.pick(NOTE_SENTENCES)}`,
    accountId,
    locationId: location.id,
    contactId: contact?.id ?? null,
    statusId,
    priorityId: prng.pick(PRIORITIES).id,
    typeId: prng.pick([TICKET_TYPE_IDS.incident, TICKET_TYPE_IDS.incident, TICKET_TYPE_IDS.serviceRequest]),
    sourceId: prng.pick([TICKET_SOURCE_IDS.email, TICKET_SOURCE_IDS.phone, TICKET_SOURCE_IDS.portal]),
    queueId,
    assigneeId,
    issueTypeId,
    subIssueTypeId,
    workTypeId,
    openDate,
    dueDate: prng.chance(0.3) ? new Date(openMs + prng.int(1, 14) * DAY).toISOString() : null,
    completedDate,
    createdBy: prng.pick(ASSIGNEES).id,
    createdOn: openDate,
    modifiedBy: null,
    modifiedOn: null,
    lastActivityUpdate: lastActivity,
    lastStatusUpdate: lastActivity,
    lastPriorityUpdate: openDate,
    lastQueueUpdate: queueId === null ? null : openDate,
  };
}

/** Picks a random account, but the named accounts get one ticket in ten so that they have a history worth searching. */
function pickAccountId(prng: Prng, accountCount: number): number {
  if (prng.chance(0.1)) return prng.pick(VISIBLE_FIXED_ACCOUNT_IDS);
  const accountId = prng.int(1, accountCount);
  return accountId === RESTRICTED_ACCOUNT_ID ? accountId + 1 : accountId;
}

function applyFixedTicket(ticket: TicketRecord, directory: AccountDirectory): void {
  const open = (accountId: number) => {
    ticket.accountId = accountId;
    ticket.locationId = mainLocationIdOf(accountId);
    ticket.contactId = directory.contactsByAccount.get(accountId)?.[0]?.id ?? null;
    ticket.statusId = STATUS_IDS.open;
    ticket.completedDate = null;
  };

  if (ticket.id === FIRST_TICKET_ID) {
    open(CONTOSO_ACCOUNT_IDS.contoso);
    ticket.title = 'Email not syncing on the CEO phone';
    ticket.details = 'Since this morning the CEO phone shows no new mail. Webmail works.';
    ticket.priorityId = PRIORITY_IDS.high;
    ticket.queueId = QUEUE_IDS.serviceDesk;
    ticket.assigneeId = SANDBOX_USERS.jane.userId;
    ticket.typeId = TICKET_TYPE_IDS.incident;
    ticket.workTypeId = WORK_TYPE_IDS.remote;
    return;
  }
  if (ticket.id === RESTRICTED_TICKET_ID) {
    open(RESTRICTED_ACCOUNT_ID);
    ticket.title = 'Board laptop encryption';
    return;
  }
  for (const [kind, id] of Object.entries(HOSTILE_TICKET_IDS) as [
    keyof typeof HOSTILE_TICKET_IDS,
    number,
  ][]) {
    if (ticket.id !== id) continue;
    open(id % 2 === 0 ? CONTOSO_ACCOUNT_IDS.contoso : CONTOSO_ACCOUNT_IDS.contosoLtd);
    ticket.title = HOSTILE_TITLES[kind];
    ticket.details = hostileDetails(kind);
    ticket.queueId = QUEUE_IDS.serviceDesk;
  }
}

function hostileDetails(kind: keyof typeof HOSTILE_TICKET_IDS): string {
  switch (kind) {
    case 'longDetails': {
      const line = 'ERROR spooler 0x00000709: the printer name is invalid. Retrying in 5 seconds.\n';
      return line.repeat(Math.ceil(LONG_DETAILS_LENGTH / line.length)).slice(0, LONG_DETAILS_LENGTH);
    }
    case 'slackMarkup':
      return '```\nrm -rf /\n```\n> quoted *text* and <!everyone>';
    case 'htmlLike':
      return '<script>alert("x")</script> &amp; &lt;b&gt; <b>not bold</b>';
    default:
      return `${HOSTILE_TITLES[kind]}\nSecond line with <!here> and <@U999>.`;
  }
}

function firstTicketNotes(ticket: TicketRecord): NoteRecord[] {
  const [callNoteId, emailNoteId] = FIRST_TICKET_NOTE_IDS;
  return [
    {
      id: callNoteId,
      ticketId: ticket.id,
      details: 'Called the CEO; the phone shows an expired password prompt.',
      isInternal: false,
      typeId: NOTE_TYPE_IDS.phoneCall,
      noteDate: '2024-01-01T09:30:00.000Z',
      createdBy: SANDBOX_USERS.jane.userId,
      modifiedBy: null,
      modifiedOn: null,
    },
    {
      id: emailNoteId,
      ticketId: ticket.id,
      details: 'Internal: the mail server certificate was renewed last night.',
      isInternal: true,
      typeId: NOTE_TYPE_IDS.generalNotes,
      noteDate: '2024-01-01T10:15:00.000Z',
      createdBy: 105,
      modifiedBy: null,
      modifiedOn: null,
    },
  ];
}

function generateNotes(prng: Prng, ticket: TicketRecord, desk: ServiceDesk): NoteRecord[] {
  const count = prng.int(0, 4);
  const notes: NoteRecord[] = [];
  let noteMs = Date.parse(ticket.openDate);
  for (let index = 0; index < count; index++) {
    noteMs += prng.int(1, 20) * HOUR;
    notes.push({
      id: desk.nextNoteId + index,
      ticketId: ticket.id,
      details: prng.pick(NOTE_SENTENCES),
      isInternal: prng.chance(0.3),
      typeId: prng.pick(NOTE_TYPES).id,
      noteDate: new Date(noteMs).toISOString(),
      createdBy: prng.pick(ASSIGNEES).id,
      modifiedBy: null,
      modifiedOn: null,
    });
  }
  return notes;
}

function firstTicketTimeEntry(ticket: TicketRecord, id: number): TimeEntryRecord {
  return {
    id,
    ticketId: ticket.id,
    startDate: '2024-01-01',
    startTime: '09:30:00',
    endTime: '10:00:00',
    timespent: 0.5,
    notes: 'Phone call with the CEO.',
    internalNotes: null,
    workTypeId: WORK_TYPE_IDS.remote,
    roleId: 1,
    userId: SANDBOX_USERS.jane.userId,
    createdOn: '2024-01-01T10:00:00.000Z',
  };
}
