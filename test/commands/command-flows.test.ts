import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_PAGE_ACTIONS } from '../../commands/user-command.ts';
import type { BmsApi } from '../../src/bms/index.ts';
import {
  CONTOSO_ACCOUNT_IDS,
  mainLocationIdOf,
  QUEUE_IDS,
  SAMPLE_TICKET_ID,
  SANDBOX_USERS,
  STATUS_IDS,
  TICKET_TEMPLATE_IDS,
} from '../../src/sandbox/index.ts';
import { runPendingOperations } from '../../src/slack/run-as-user.ts';
import { DELETE_ACTIONS } from '../../views/delete-confirmation.ts';
import { TICKET_VIEW_ACTION } from '../../views/ticket-actions.ts';
import { NOTE_RETRY_ACTION } from '../../views/ticket-actions-note.ts';
import type { Json } from '../fakes/slack-api.ts';
import { bms, responsePost } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { bmsAnswer, clickInEphemeral, servedDuring, textOf } from './helpers.ts';

/** The flows behind the command lines: names resolved, confirmations, pages, retries and a login wait. */

const USER = 'U0JANE';
const CREATE = 'POST /v2/servicedesk/tickets';
const SEARCH = 'POST /v2/servicedesk/tickets/search';
const DELETE_TICKET = 'DELETE /v2/servicedesk/tickets/{ticketId}';
const CREATE_NOTE = 'POST /v2/servicedesk/tickets/{ticketId}/notes';
const DELETE_NOTE = 'DELETE /v2/servicedesk/tickets/{ticketId}/notes/{noteId}';

let harness: AppHarness;
let api: BmsApi;

beforeAll(async () => {
  // A short BMS timeout, so that the lost-reply case gives up quickly.
  harness = await startAppHarness({ bms: { timeoutMs: 1500 } });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  harness.sandbox.reset();
  harness.fake.reset();
  await harness.loginAs(USER);
  api = await harness.runtime.services.sessions.api(harness.identity(USER));
});

function ticketIdOfCard(reply: Json): number {
  const header = (reply.blocks as Json[]).find((block) => String(block.block_id).startsWith('ticket_card_'));
  return Number(String(header?.block_id).replace('ticket_card_', ''));
}

describe('tickets create', () => {
  it('resolves names and posts once', async () => {
    let reply: Json = {};
    const served = await servedDuring(harness, async () => {
      reply = await bmsAnswer(
        harness,
        'tickets create --title "Printer offline" --details "Paper jam" --account Contoso --location "Main Office" --status Open --priority High --type Incident --source Phone --queue "Service Desk"',
      );
    });
    expect(served[CREATE]).toBe(1);
    expect(textOf(reply)).toMatch(/Ticket T\d{8}\.\d{4} created\./);
    const ticket = await api.getTicket(ticketIdOfCard(reply));
    expect(ticket.AccountId).toBe(CONTOSO_ACCOUNT_IDS.contoso);
    expect(ticket.LocationId).toBe(mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso));
    expect(ticket.StatusId).toBe(STATUS_IDS.open);
    expect(ticket.QueueId).toBe(QUEUE_IDS.serviceDesk);
  });

  it('merges a template', async () => {
    const reply = await bmsAnswer(
      harness,
      `tickets create --template-id ${TICKET_TEMPLATE_IDS.passwordReset} --account Contoso --location 11 --status New --source Phone`,
    );
    const ticket = await api.getTicket(ticketIdOfCard(reply));
    expect(ticket.Title).toBe('Password reset');
    expect(ticket.QueueId).toBe(QUEUE_IDS.serviceDesk);
    expect(ticket.StatusId).toBe(STATUS_IDS.new);
  });

  it('lists every field problem', async () => {
    let reply: Json = {};
    const served = await servedDuring(harness, async () => {
      reply = await bmsAnswer(
        harness,
        'tickets create --title t --details d --account Contoso --location Attic --status Opn --priority Urgent --type Incident --source Phone --queue "Service Desk"',
      );
    });
    const text = textOf(reply);
    expect(text).toContain('Account 1 has no location named "Attic"');
    expect(text).toContain('No status is named "Opn"');
    expect(text).toContain('No priority is named "Urgent"');
    expect(served[CREATE] ?? 0).toBe(0);
  });

  it('reports an uncertain create', async () => {
    await harness.bmsFault({ fault: 'lost-reply', method: 'POST', path: '/v2/servicedesk/tickets' });
    let reply: Json = {};
    const served = await servedDuring(harness, async () => {
      reply = await bmsAnswer(
        harness,
        'tickets create --title "Lost reply probe" --details d --account-id 1 --location-id 11 --status-id 1 --priority-id 2 --type-id 1 --source-id 2 --queue-id 1',
      );
    });
    expect(served[CREATE]).toBe(1);
    expect(textOf(reply)).toMatch(/may have been created: \*T\d{8}\.\d{4} Lost reply probe\*/);
  });
});

describe('names', () => {
  it('lists choices of an ambiguous account', async () => {
    const reply = await bmsAnswer(harness, 'locations --account conto');
    expect(textOf(reply)).toContain(
      '"conto" matches 3 accounts: Contoso (id 1), Contoso (old) (id 3), Contoso Ltd (id 2)',
    );
  });

  it('assigns by names', async () => {
    const reply = await bmsAnswer(
      harness,
      `tickets assign ${SAMPLE_TICKET_ID} --details "Over to Jane" --type "General Notes" --status "In Progress" --assignee "Jane Doe"`,
    );
    expect(textOf(reply)).toContain('Assigned to Jane Doe');
    const ticket = await api.getTicket(SAMPLE_TICKET_ID);
    expect(ticket.AssigneeId).toBe(SANDBOX_USERS.jane.userId);
    expect(ticket.StatusId).toBe(STATUS_IDS.inProgress);
  });
});

describe('delete confirmations', () => {
  it('deletes a ticket only on the button', async () => {
    let confirmation: Json = {};
    const asked = await servedDuring(harness, async () => {
      confirmation = await bmsAnswer(harness, `tickets delete ${SAMPLE_TICKET_ID}`);
    });
    expect(asked[DELETE_TICKET] ?? 0).toBe(0);

    const deleted = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, confirmation, DELETE_ACTIONS.confirmTicket);
      const done = await responsePost(harness, click.responseUrl);
      expect(done.replace_original).toBe(true);
      expect(textOf(done)).toContain(`Ticket ${SAMPLE_TICKET_ID} deleted.`);
    });
    expect(deleted[DELETE_TICKET]).toBe(1);
    await expect(api.getTicket(SAMPLE_TICKET_ID)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps the ticket on Cancel', async () => {
    const confirmation = await bmsAnswer(harness, `tickets delete ${SAMPLE_TICKET_ID}`);
    const served = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, confirmation, DELETE_ACTIONS.cancel);
      expect(textOf(await responsePost(harness, click.responseUrl))).toContain('Nothing was deleted.');
    });
    expect(served).toEqual({});
    expect((await api.getTicket(SAMPLE_TICKET_ID)).Id).toBe(SAMPLE_TICKET_ID);
  });

  it('deletes a note only on the button', async () => {
    const note = await api.createNote(SAMPLE_TICKET_ID, {
      Details: 'Note to delete',
      IsInternal: true,
      TypeId: 2,
      NoteDate: '2026-04-07T12:00:00+00:00',
    });
    let confirmation: Json = {};
    const asked = await servedDuring(harness, async () => {
      confirmation = await bmsAnswer(harness, `notes delete ${SAMPLE_TICKET_ID} ${note.Id}`);
    });
    expect(asked[DELETE_NOTE] ?? 0).toBe(0);
    expect(textOf(confirmation)).toContain('Note to delete');

    const deleted = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, confirmation, DELETE_ACTIONS.confirmNote);
      expect(textOf(await responsePost(harness, click.responseUrl))).toContain(`Note ${note.Id} deleted`);
    });
    expect(deleted[DELETE_NOTE]).toBe(1);
    expect((await api.listNotes(SAMPLE_TICKET_ID)).map((candidate) => candidate.Id)).not.toContain(note.Id);
  });
});

describe('notes update', () => {
  it('replaces the text of a note', async () => {
    const note = await api.createNote(SAMPLE_TICKET_ID, {
      Details: 'Frist draft',
      IsInternal: true,
      TypeId: 2,
      NoteDate: '2026-04-07T12:00:00+00:00',
    });
    const reply = await bmsAnswer(
      harness,
      `notes update ${SAMPLE_TICKET_ID} ${note.Id} --message "First draft" --public`,
    );
    expect(textOf(reply)).toContain(`Note ${note.Id} of ticket ${SAMPLE_TICKET_ID} updated.`);
    const updated = await api.getNote(SAMPLE_TICKET_ID, note.Id);
    expect(updated.Details).toBe('First draft');
    expect(updated.IsInternal).toBe(false);
  });
});

describe('pages and rows', () => {
  it('pages with Next', async () => {
    const first = await bmsAnswer(harness, 'tickets list --status New');
    expect(textOf(first)).toMatch(/page 1 of \d+/);
    let next: Json = {};
    const served = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, first, COMMAND_PAGE_ACTIONS.next);
      next = await responsePost(harness, click.responseUrl);
    });
    expect(served[SEARCH]).toBe(1);
    expect(next.replace_original).toBe(true);
    expect(textOf(next)).toMatch(/page 2 of \d+/);
    expect(JSON.stringify(next.blocks)).toContain(COMMAND_PAGE_ACTIONS.previous);
  });

  it('opens a row as a card', async () => {
    const list = await bmsAnswer(harness, 'tickets list');
    const firstRow = (list.blocks as Json[]).find((block) =>
      String(block.block_id).startsWith('ticket_row_'),
    );
    const ticketId = Number(String(firstRow?.block_id).replace('ticket_row_', ''));
    const click = await clickInEphemeral(harness, list, TICKET_VIEW_ACTION, {
      blockId: String(firstRow?.block_id),
    });
    const card = await responsePost(harness, click.responseUrl);
    expect(card.replace_original).toBe(false);
    expect(ticketIdOfCard(card)).toBe(ticketId);
  });
});

describe('accounts of a large tenant', () => {
  const ACCOUNT_LOOKUP = 'GET /v2/crm/accounts/lookup';

  it('reads each page from BMS', async () => {
    let first: Json = {};
    const servedFirst = await servedDuring(harness, async () => {
      first = await bmsAnswer(harness, 'accounts --refresh');
    });
    // The sandbox's 2,000 accounts make a large tenant: one call decides so again, one reads the page.
    expect(servedFirst[ACCOUNT_LOOKUP]).toBe(2);
    expect(textOf(first)).toContain('Read from BMS');
    expect(textOf(first)).toMatch(/page 1 of \d+/);

    let next: Json = {};
    const servedNext = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, first, COMMAND_PAGE_ACTIONS.next);
      next = await responsePost(harness, click.responseUrl);
    });
    expect(servedNext[ACCOUNT_LOOKUP]).toBe(1);
    expect(textOf(next)).toMatch(/page 2 of \d+/);
    const idsOf = (message: Json) => new Set(textOf(message).match(/\(id \d+\)/g));
    const shared = [...idsOf(next)].filter((id) => idsOf(first).has(id));
    expect(idsOf(next).size).toBeGreaterThan(0);
    expect(shared).toEqual([]);
  });
});

describe('note retry', () => {
  it('keeps a refused note for one retry', async () => {
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/notes',
    });
    const refused = await bmsAnswer(harness, `note ${SAMPLE_TICKET_ID} Rebooted the <router> & switch`);
    expect(textOf(refused)).toContain('The note was not added to ticket 12345.');
    expect(textOf(refused)).toContain('Rebooted the <router> & switch');

    const retried = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, refused, NOTE_RETRY_ACTION);
      const done = await responsePost(harness, click.responseUrl);
      expect(done.replace_original).toBe(true);
      expect(textOf(done)).toMatch(/Note \d+ added to ticket 12345\./);
    });
    expect(retried[CREATE_NOTE]).toBe(1);
    const notes = await api.listNotes(SAMPLE_TICKET_ID);
    expect(notes.filter((note) => note.Details === 'Rebooted the <router> & switch')).toHaveLength(1);

    const again = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, refused, NOTE_RETRY_ACTION);
      expect(textOf(await responsePost(harness, click.responseUrl))).toContain('no longer kept for a retry');
    });
    expect(again[CREATE_NOTE] ?? 0).toBe(0);
  });
});

describe('login wait', () => {
  it('runs the line after the login', async () => {
    const stranger = 'U0NEWBIE1';
    const { result, reply } = await bms(harness, 'tickets list --status New', { user: stranger });
    expect(textOf(reply)).toContain('You are not logged in to BMS.');

    await harness.loginAs(stranger, SANDBOX_USERS.mfa);
    expect(await runPendingOperations(harness.slack.deps, harness.identity(stranger))).toBe(1);
    const rerun = await responsePost(harness, result.responseUrl, 1);
    expect(textOf(rerun)).toMatch(/\*Tickets\* \(status New\): [\d,]+ tickets/);
  });
});
