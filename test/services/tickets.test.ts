import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  FIRST_TICKET_NUMBER,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  QUEUE_IDS,
  SAMPLE_TICKET_ID,
  SANDBOX_USERS,
  STATUS_IDS,
} from '../../src/sandbox/index.ts';
import { mainLocation, resolveAccount, resolveLocation } from '../../src/services/accounts.ts';
import {
  assignTicket,
  buildPatchOperation,
  deleteTicket,
  getTicket,
  patchTicket,
  searchTickets,
} from '../../src/services/tickets.ts';
import { ValidationError } from '../../src/services/validation.ts';
import { type SandboxSession, startSandboxSession } from '../support/bms-session.ts';

let session: SandboxSession;

beforeAll(async () => {
  session = await startSandboxSession();
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  await session.reset();
});

describe('tickets', () => {
  it('gets a ticket by id', async () => {
    const ticket = await getTicket(session.context, { kind: 'id', id: SAMPLE_TICKET_ID });
    expect(ticket.Id).toBe(SAMPLE_TICKET_ID);
  });

  it('finds a ticket by its number', async () => {
    const ticket = await getTicket(session.context, { kind: 'number', ticketNumber: FIRST_TICKET_NUMBER });
    expect(ticket.Id).toBe(FIRST_TICKET_ID);
  });

  it('reports an unknown ticket number as not found', async () => {
    await expect(
      getTicket(session.context, { kind: 'number', ticketNumber: 'T19990101.0001' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('searches by status and pages', async () => {
    const page = await searchTickets(session.context, { status: ['Open'], pageSize: 10, pageNumber: 2 });
    expect(page.items).toHaveLength(10);
    expect(page.items.every((ticket) => ticket.StatusName === 'Open')).toBe(true);
    expect(page.total).toBeGreaterThan(10);
    expect(page.pageNumber).toBe(2);
  });

  it('patches the status', async () => {
    const ticket = await patchTicket(session.context, SAMPLE_TICKET_ID, [
      buildPatchOperation('/StatusId', String(STATUS_IDS.closed)),
    ]);
    expect(ticket.StatusId).toBe(STATUS_IDS.closed);
    expect((await session.stats())['PATCH /v2/servicedesk/tickets/{ticketId}']).toBe(1);
  });

  it('assigns to a queue and an assignee', async () => {
    const ticket = await assignTicket(session.context, SAMPLE_TICKET_ID, {
      Details: 'Routing',
      TypeId: NOTE_TYPE_IDS.generalNotes,
      StatusId: STATUS_IDS.inProgress,
      QueueId: QUEUE_IDS.infrastructure,
      AssigneeId: SANDBOX_USERS.jane.userId,
    });
    expect(ticket.QueueId).toBe(QUEUE_IDS.infrastructure);
    expect(ticket.AssigneeId).toBe(SANDBOX_USERS.jane.userId);
    expect(ticket.StatusId).toBe(STATUS_IDS.inProgress);
  });

  it('requires a queue or assignee to assign', async () => {
    const error = await assignTicket(session.context, SAMPLE_TICKET_ID, {
      Details: 'Routing',
      TypeId: NOTE_TYPE_IDS.generalNotes,
      StatusId: STATUS_IDS.inProgress,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toHaveProperty('QueueOrAssignee');
    expect((await session.stats())['POST /v2/servicedesk/tickets/{ticketId}/assignticket']).toBeUndefined();
  });

  it('deletes a ticket', async () => {
    await deleteTicket(session.context, SAMPLE_TICKET_ID);
    await expect(getTicket(session.context, { kind: 'id', id: SAMPLE_TICKET_ID })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});

describe('accounts and locations', () => {
  it('resolves an exact name among look-alikes', async () => {
    const result = await resolveAccount(session.context.directory, 'contoso');
    expect(result).toMatchObject({ ok: true, value: { Id: CONTOSO_ACCOUNT_IDS.contoso } });
  });

  it('ignores accents in names', async () => {
    const result = await resolveAccount(session.context.directory, 'Cafe Deja Vu');
    expect(result.ok).toBe(true);
  });

  it('lists the choices for a partial name', async () => {
    const result = await resolveAccount(session.context.directory, 'Contoso L');
    expect(result).toMatchObject({ ok: true, value: { Id: CONTOSO_ACCOUNT_IDS.contosoLtd } });
    const ambiguous = await resolveAccount(session.context.directory, 'ontos');
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok) expect(ambiguous.reason).toBe('ambiguous');
  });

  it('resolves a location name only within its account', async () => {
    const locations = await session.context.directory.locationsOf(CONTOSO_ACCOUNT_IDS.contoso);
    const main = mainLocation(locations);
    expect(main?.Id).toBe(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso));

    const byName = await resolveLocation(
      session.context.directory,
      CONTOSO_ACCOUNT_IDS.contoso,
      main?.Name ?? '',
    );
    expect(byName).toMatchObject({ ok: true, value: { Id: main?.Id } });

    const otherAccountsMain = mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd);
    const foreign = await resolveLocation(
      session.context.directory,
      CONTOSO_ACCOUNT_IDS.contoso,
      String(otherAccountsMain),
    );
    expect(foreign.ok).toBe(false);
  });
});
