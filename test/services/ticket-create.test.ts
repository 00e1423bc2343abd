import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  mainLocationIdOf,
  PRIORITY_IDS,
  QUEUE_IDS,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import { createTicket } from '../../src/services/ticket-create.ts';
import { ValidationError } from '../../src/services/validation.ts';
import { type SandboxSession, startSandboxSession } from '../support/bms-session.ts';

const CREATE = 'POST /v2/servicedesk/tickets';
const SEARCH = 'POST /v2/servicedesk/tickets/search';

let session: SandboxSession;

const request = () => ({
  Title: 'Printer offline on floor 2',
  Details: 'The printer shows error 50.4.',
  AccountId: CONTOSO_ACCOUNT_IDS.contoso,
  LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
  StatusId: STATUS_IDS.new,
  PriorityId: PRIORITY_IDS.normal,
  TypeId: TICKET_TYPE_IDS.incident,
  SourceId: TICKET_SOURCE_IDS.phone,
  QueueId: QUEUE_IDS.serviceDesk,
});

beforeAll(async () => {
  session = await startSandboxSession({}, 500);
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  await session.reset();
});

describe('createTicket', () => {
  it('creates with exactly one POST', async () => {
    const outcome = await createTicket(session.context, request());
    expect(outcome.kind).toBe('created');
    if (outcome.kind !== 'created') return;
    expect(outcome.ticket.Id).toBeGreaterThan(0);
    expect(outcome.ticket.Title).toBe('Printer offline on floor 2');
    expect((await session.stats())[CREATE]).toBe(1);

    const reread = await session.api.getTicket(outcome.ticket.Id);
    expect(reread.TicketNumber).toBe(outcome.ticket.TicketNumber);
  });

  it('rejects missing fields without calling BMS', async () => {
    await expect(createTicket(session.context, { Title: 'Only a title' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await session.stats())[CREATE]).toBeUndefined();
  });

  it('accepts an assignee instead of a queue', async () => {
    const { QueueId: _queue, ...withoutQueue } = request();
    const outcome = await createTicket(session.context, {
      ...withoutQueue,
      AssigneeId: SANDBOX_USERS.jane.userId,
    });
    expect(outcome.kind).toBe('created');
  });

  it('rejects a location of another account', async () => {
    const foreignLocation = mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd);
    const error = await createTicket(session.context, { ...request(), LocationId: foreignLocation }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.LocationId).toContain(
      `Location ${foreignLocation} does not belong to account 1`,
    );
    expect((await session.stats())[CREATE]).toBeUndefined();
  });

  it('merges template defaults under explicit values', async () => {
    const template = await session.api.getTicketTemplate(TICKET_TEMPLATE_IDS.passwordReset);
    const { Details: _details, PriorityId: _priority, TypeId: _type, ...explicit } = request();
    const outcome = await createTicket(session.context, {
      ...explicit,
      Title: 'Override',
      TemplateId: TICKET_TEMPLATE_IDS.passwordReset,
    });
    expect(outcome.kind).toBe('created');
    if (outcome.kind !== 'created') return;
    expect(outcome.ticket.Title).toBe('Override');
    expect(outcome.ticket.Details).toBe(template.Details);
    expect(outcome.ticket.PriorityId).toBe(template.PriorityId);
    expect(outcome.ticket.TypeId).toBe(template.TicketTypeId);
  });

  it('never resends after a timeout', async () => {
    await session.fault({ fault: 'timeout', method: 'POST', path: '/v2/servicedesk/tickets' });
    const outcome = await createTicket(session.context, request());
    expect(outcome.kind).toBe('uncertain');
    const stats = await session.stats();
    expect(stats[CREATE]).toBe(1);
    expect(stats[SEARCH]).toBe(1);
    if (outcome.kind !== 'uncertain') return;
    expect(outcome.error.kind).toBe('transport');
    // The timeout fault holds the request before the sandbox stores anything, so nothing is found.
    expect(outcome.possibleTicket).toBeUndefined();
  });

  it('reports an unconfirmed create after a 503', async () => {
    await session.fault({ fault: 'http500', method: 'POST', path: '/v2/servicedesk/tickets' });
    const outcome = await createTicket(session.context, request());
    expect(outcome.kind).toBe('uncertain');
    expect((await session.stats())[CREATE]).toBe(1);
  });

  it('surfaces a refusal with the BMS message', async () => {
    await session.fault({ fault: 'success-false', method: 'POST', path: '/v2/servicedesk/tickets' });
    const error = await createTicket(session.context, request()).catch((caught) => caught);
    expect(error).toMatchObject({ kind: 'validation' });
    expect((await session.stats())[CREATE]).toBe(1);
  });
});

describe('createTicket after a lost reply', () => {
  it('finds the ticket the lost POST created', async () => {
    await session.reset();
    await session.fault({ fault: 'lost-reply', method: 'POST', path: '/v2/servicedesk/tickets' });
    const outcome = await createTicket(session.context, request());
    expect(outcome.kind).toBe('uncertain');
    const stats = await session.stats();
    expect(stats[CREATE]).toBe(1);
    expect(stats[SEARCH]).toBe(1);
    if (outcome.kind !== 'uncertain') return;
    expect(outcome.possibleTicket?.Title).toBe('Printer offline on floor 2');
    expect(outcome.possibleTicket?.TicketNumber).toMatch(/^T\d{8}\.\d{4}$/);
  });
});
