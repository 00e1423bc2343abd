import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BmsApi, TicketInput } from '../../src/bms/index.ts';
import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  FIRST_TICKET_NOTE_IDS,
  FIRST_TICKET_NUMBER,
  HOSTILE_TICKET_IDS,
  HOSTILE_TITLES,
  ISSUE_TYPE_IDS,
  LONG_DETAILS_LENGTH,
  MISSING_TICKET_ID,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  RESTRICTED_ACCOUNT_ID,
  RESTRICTED_TICKET_ID,
  SAMPLE_TICKET_ID,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
  WORK_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import { loginAs, type SandboxFixture, startTestSandbox } from './sandbox-setup.ts';

let fixture: SandboxFixture;
let test: TestClient;
let api: BmsApi;

beforeAll(async () => {
  fixture = await startTestSandbox();
  test = createTestClient(fixture.sandbox.url);
});
afterAll(async () => {
  await test.client.close();
  await fixture.sandbox.close();
});
beforeEach(async () => {
  fixture.sandbox.reset();
  api = await loginAs(test.client);
});

const newTicket: TicketInput = {
  Title: 'Printer on floor 2 jams',
  Details: 'Tray 2 jams on every job.',
  AccountId: CONTOSO_ACCOUNT_IDS.contoso,
  LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
  StatusId: STATUS_IDS.new,
  PriorityId: PRIORITY_IDS.normal,
  TypeId: TICKET_TYPE_IDS.incident,
  SourceId: TICKET_SOURCE_IDS.chat,
  OpenDate: '2026-01-05T10:00:00+01:00',
  QueueId: QUEUE_IDS.serviceDesk,
};

describe('accounts and locations', () => {
  it('finds look-alike accounts by name', async () => {
    const page = await api.lookupAccounts({ name: 'contoso' });
    const ids = page.items.map((account) => account.Id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(CONTOSO_ACCOUNT_IDS)));
    expect(page.total).toBe(page.items.length);
  });

  it('hides the restricted account', async () => {
    const accounts = await api.lookupAllAccounts();
    expect(accounts.some((account) => account.Id === RESTRICTED_ACCOUNT_ID)).toBe(false);
  });

  it('follows every account page', async () => {
    const { total } = await api.lookupAccounts({ pageSize: 1 });
    const before = fixture.sandbox.stats()['GET /v2/crm/accounts/lookup'] ?? 0;
    const accounts = await api.lookupAllAccounts({ pageSize: 25 });
    const pagesRequested = (fixture.sandbox.stats()['GET /v2/crm/accounts/lookup'] ?? 0) - before;

    expect(accounts).toHaveLength(total);
    expect(new Set(accounts.map((account) => account.Id)).size).toBe(total);
    expect(pagesRequested).toBe(Math.ceil(total / 25));
  });

  it('filters every page by name', async () => {
    const accounts = await api.lookupAllAccounts({ name: 'Contoso', pageSize: 2 });
    const ids = accounts.map((account) => account.Id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(CONTOSO_ACCOUNT_IDS)));
    for (const account of accounts) expect(account.Name.toLowerCase()).toContain('contoso');
  });

  it('lists the locations of an account', async () => {
    const locations = await api.lookupLocations(CONTOSO_ACCOUNT_IDS.contoso);
    expect(locations.length).toBeGreaterThanOrEqual(2);
    expect(locations.length).toBeLessThanOrEqual(4);
    expect(locations.filter((location) => location.IsMain)).toHaveLength(1);
    expect(locations.find((location) => location.IsMain)?.Id).toBe(
      mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
    );
    for (const location of locations) expect(location.AccountId).toBe(CONTOSO_ACCOUNT_IDS.contoso);
  });

  it('forbids locations of the restricted account', async () => {
    const error = await captureBmsError(() => api.lookupLocations(RESTRICTED_ACCOUNT_ID));
    expect(error.kind).toBe('forbidden');
  });
});

describe('ticket search', () => {
  it('finds a ticket by number', async () => {
    const page = await api.searchTickets({ ticketNumber: FIRST_TICKET_NUMBER });
    expect(page.items.map((ticket) => ticket.Id)).toContain(FIRST_TICKET_ID);
  });

  it('filters by status names', async () => {
    const page = await api.searchTickets({ status: ['New', 'Open'], pageSize: 50 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const ticket of page.items) expect([STATUS_IDS.new, STATUS_IDS.open]).toContain(ticket.StatusId);
  });

  it('excludes completed tickets', async () => {
    const page = await api.searchTickets({ excludeCompleted: true, pageSize: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const ticket of page.items) {
      expect([STATUS_IDS.completed, STATUS_IDS.closed]).not.toContain(ticket.StatusId);
    }
  });

  it('filters by account and location', async () => {
    const accountId = CONTOSO_ACCOUNT_IDS.contoso;
    const byAccount = await api.searchTickets({ accountIds: [accountId], pageSize: 100 });
    expect(byAccount.items.length).toBeGreaterThan(0);
    for (const ticket of byAccount.items) expect(ticket.AccountId).toBe(accountId);

    const locationId = mainLocationIdOf(accountId);
    const byLocation = await api.searchTickets({ accountLocationId: locationId, pageSize: 100 });
    for (const ticket of byLocation.items) expect(ticket.LocationId).toBe(locationId);
  });

  it('filters by queue, priority and assignee', async () => {
    const page = await api.searchTickets({
      queueNames: ['Service Desk'],
      priorityNames: ['High', 'Critical'],
      assigneeName: SANDBOX_USERS.jane.fullName,
      pageSize: 100,
    });
    for (const ticket of page.items) {
      expect(ticket.QueueId).toBe(QUEUE_IDS.serviceDesk);
      expect([PRIORITY_IDS.high, PRIORITY_IDS.critical]).toContain(ticket.PriorityId);
      // AssigneeName matches a substring, so "Jane Doerr" matches too.
      expect(ticket.AssigneeName).toContain(SANDBOX_USERS.jane.fullName);
    }
  });

  it('filters by title and open date', async () => {
    const page = await api.searchTickets({
      openDateFrom: '2024-01-01T00:00:00Z',
      openDateTo: '2024-01-31T23:59:59Z',
      pageSize: 100,
    });
    expect(page.items.length).toBeGreaterThan(0);
    for (const ticket of page.items) expect(ticket.OpenDate?.startsWith('2024-01')).toBe(true);

    const byTitle = await api.searchTickets({ title: 'server down' });
    expect(byTitle.items.map((ticket) => ticket.Id)).toContain(HOSTILE_TICKET_IDS.channelMention);
  });

  it('pages with a total', async () => {
    const first = await api.searchTickets({ pageSize: 10, pageNumber: 1 });
    const second = await api.searchTickets({ pageSize: 10, pageNumber: 2 });
    expect(first.items).toHaveLength(10);
    expect(first.total).toBeGreaterThan(20);
    expect(second.total).toBe(first.total);
    expect(second.items[0]?.Id).not.toBe(first.items[0]?.Id);
  });
});

describe('tickets', () => {
  it('gets a ticket', async () => {
    const ticket = await api.getTicket(SAMPLE_TICKET_ID);
    expect(ticket.Id).toBe(SAMPLE_TICKET_ID);
    expect(ticket.TicketNumber).toMatch(/^T\d{8}\.\d{4}$/);
    const first = await api.getTicket(FIRST_TICKET_ID);
    expect(first.TicketNumber).toBe(FIRST_TICKET_NUMBER);
  });

  it('keeps hostile titles verbatim', async () => {
    for (const [kind, id] of Object.entries(HOSTILE_TICKET_IDS) as [
      keyof typeof HOSTILE_TICKET_IDS,
      number,
    ][]) {
      const ticket = await api.getTicket(id);
      expect(ticket.Title, kind).toBe(HOSTILE_TITLES[kind]);
    }
    const long = await api.getTicket(HOSTILE_TICKET_IDS.longDetails);
    expect(long.Details).toHaveLength(LONG_DETAILS_LENGTH);
  });

  it('reports a missing ticket', async () => {
    const error = await captureBmsError(() => api.getTicket(MISSING_TICKET_ID));
    expect(error.kind).toBe('not_found');
    expect(error.bmsMessage).toBe(`Ticket ${MISSING_TICKET_ID} was not found.`);
    expect(error.endpoint).toBe('GET /v2/servicedesk/tickets/{ticketId}');
  });

  it('forbids a restricted ticket', async () => {
    const error = await captureBmsError(() => api.getTicket(RESTRICTED_TICKET_ID));
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(403);
  });

  it('creates, patches, assigns and deletes', async () => {
    const created = await api.createTicket(newTicket);
    expect(created.Id).toBeGreaterThan(0);
    expect(created.Title).toBe(newTicket.Title);
    expect(created.AccountId).toBe(newTicket.AccountId);

    const fetched = await api.getTicket(created.Id);
    expect(fetched.LocationId).toBe(newTicket.LocationId);

    const patched = await api.patchTicket(created.Id, [
      { op: 'replace', path: '/StatusId', value: STATUS_IDS.inProgress },
      { op: 'replace', path: '/PriorityId', value: PRIORITY_IDS.high },
    ]);
    expect(patched.StatusId).toBe(STATUS_IDS.inProgress);
    expect(patched.PriorityId).toBe(PRIORITY_IDS.high);

    await api.assignTicket(created.Id, {
      Details: 'Taking this one.',
      IsInternal: true,
      TypeId: NOTE_TYPE_IDS.generalNotes,
      StatusId: STATUS_IDS.open,
      NoteDate: '2026-01-05T10:05:00+01:00',
      AssigneeId: SANDBOX_USERS.jane.userId,
    });
    const assigned = await api.getTicket(created.Id);
    expect(assigned.AssigneeId).toBe(SANDBOX_USERS.jane.userId);
    expect(assigned.StatusId).toBe(STATUS_IDS.open);

    await api.deleteTicket(created.Id);
    const error = await captureBmsError(() => api.getTicket(created.Id));
    expect(error.kind).toBe('not_found');
  });

  it('reports validation details', async () => {
    const error = await captureBmsError(() =>
      api.createTicket({
        ...newTicket,
        Title: '',
        LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd),
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(400);
    expect(error.details.join(' ')).toContain('Title');
    expect(error.details.join(' ')).toContain('LocationId');
  });
});

describe('notes', () => {
  const noteDate = '2025-12-30T14:15:00+01:00';

  it('lists the notes of a ticket', async () => {
    const notes = await api.listNotes(FIRST_TICKET_ID);
    expect(notes).toHaveLength(FIRST_TICKET_NOTE_IDS.length);
    expect(notes.map((note) => note.Id)).toEqual(expect.arrayContaining([...FIRST_TICKET_NOTE_IDS]));
  });

  it('creates, updates and deletes a note', async () => {
    const created = await api.createNote(SAMPLE_TICKET_ID, {
      Details: 'Called the customer back.',
      IsInternal: false,
      TypeId: NOTE_TYPE_IDS.phoneCall,
      NoteDate: noteDate,
    });
    expect(created.Details).toBe('Called the customer back.');
    expect(created.IsInternal).toBe(false);
    expect(created.TypeId).toBe(NOTE_TYPE_IDS.phoneCall);
    // TicketNoteOutputDto has no NoteDate: the sandbox returns the custom note date as CreatedOn.
    expect(Date.parse(created.CreatedOn ?? '')).toBe(Date.parse(noteDate));

    const listed = await api.listNotes(SAMPLE_TICKET_ID, { pageSize: 100 });
    expect(listed.map((note) => note.Id)).toContain(created.Id);

    const updated = await api.updateNote(SAMPLE_TICKET_ID, created.Id, {
      Details: 'Called the customer back twice.',
      IsInternal: true,
      TypeId: NOTE_TYPE_IDS.generalNotes,
      NoteDate: noteDate,
    });
    expect(updated.Details).toBe('Called the customer back twice.');
    expect(updated.IsInternal).toBe(true);

    const fetched = await api.getNote(SAMPLE_TICKET_ID, created.Id);
    expect(fetched.Details).toBe('Called the customer back twice.');

    await api.deleteNote(SAMPLE_TICKET_ID, created.Id);
    const error = await captureBmsError(() => api.getNote(SAMPLE_TICKET_ID, created.Id));
    expect(error.kind).toBe('not_found');
  });
});

describe('templates and lookups', () => {
  it('lists and reads ticket templates', async () => {
    const templates = await api.listTicketTemplates();
    expect(templates.map((template) => template.Id)).toEqual(
      expect.arrayContaining(Object.values(TICKET_TEMPLATE_IDS)),
    );
    const template = await api.getTicketTemplate(TICKET_TEMPLATE_IDS.printerFault);
    expect(template.Id).toBe(TICKET_TEMPLATE_IDS.printerFault);
    expect(template.Name).not.toBe('');
  });

  it('lists note and time log templates', async () => {
    const noteTemplates = await api.listNoteTemplates();
    const timeLogTemplates = await api.listTimeLogTemplates();
    expect(noteTemplates.length).toBeGreaterThan(0);
    expect(timeLogTemplates.length).toBeGreaterThan(0);
  });

  it('reads every lookup', async () => {
    const ids = (items: { Id: number }[]) => items.map((item) => item.Id);
    expect(ids(await api.lookupStatuses())).toEqual(expect.arrayContaining(Object.values(STATUS_IDS)));
    expect(ids(await api.lookupPriorities())).toEqual(expect.arrayContaining(Object.values(PRIORITY_IDS)));
    expect(ids(await api.lookupQueues())).toEqual(expect.arrayContaining(Object.values(QUEUE_IDS)));
    expect(ids(await api.lookupIssueTypes())).toEqual(expect.arrayContaining(Object.values(ISSUE_TYPE_IDS)));
    expect(ids(await api.lookupWorkTypes())).toEqual(expect.arrayContaining(Object.values(WORK_TYPE_IDS)));
    expect(ids(await api.lookupTicketTypes())).toEqual(
      expect.arrayContaining(Object.values(TICKET_TYPE_IDS)),
    );
    expect(ids(await api.lookupTicketSources())).toEqual(
      expect.arrayContaining(Object.values(TICKET_SOURCE_IDS)),
    );
    expect(ids(await api.lookupNoteTypes())).toEqual(expect.arrayContaining(Object.values(NOTE_TYPE_IDS)));
  });

  it('filters assignees by name', async () => {
    const assignees = await api.lookupAssignees({ name: 'Jane' });
    expect(assignees.map((assignee) => assignee.Id)).toContain(SANDBOX_USERS.jane.userId);
    for (const assignee of assignees) expect(assignee.Name.toLowerCase()).toContain('jane');
  });

  it('reports an unknown lookup table', async () => {
    const error = await captureBmsError(() => api.lookup('NoSuchTable'));
    expect(error.kind).toBe('not_found');
  });
});
