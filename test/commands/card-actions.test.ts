import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BmsApi, Ticket } from '../../src/bms/index.ts';
import { NOTE_TYPE_IDS, SAMPLE_TICKET_ID, SANDBOX_USERS, STATUS_IDS } from '../../src/sandbox/index.ts';
import { runPendingOperations } from '../../src/slack/run-as-user.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import { buildActionableCard, ticketCardActions } from '../../views/ticket-actions.ts';
import { ASSIGN_MODAL } from '../../views/ticket-actions-assign.ts';
import { NOTE_FORM, NOTE_RETRY_ACTION } from '../../views/ticket-actions-note.ts';
import { NOTES_MODAL } from '../../views/ticket-actions-notes.ts';
import { STATUS_MODAL } from '../../views/ticket-actions-status.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import type { Json } from '../fakes/slack-api.ts';
import { buttonActionIds, responsePost } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import {
  channelMessage,
  clickInChannel,
  clickInEphemeral,
  filledModal,
  postCardInChannel,
  servedDuring,
  textOf,
  viewUpdates,
} from './helpers.ts';

/** The ticket card's buttons end to end: each acts as the clicker in BMS and replaces the card in place. */

const JANE = 'U0JANE';
const MAX = 'U0MAX';
const TEAM_CHANNEL = 'C0TEAM0001';
const PATCH = 'PATCH /v2/servicedesk/tickets/{ticketId}';
const ASSIGN = 'POST /v2/servicedesk/tickets/{ticketId}/assignticket';
const CREATE_NOTE = 'POST /v2/servicedesk/tickets/{ticketId}/notes';
const UPDATE_NOTE = 'PUT /v2/servicedesk/tickets/{ticketId}/notes/{noteId}';
const DELETE_NOTE = 'DELETE /v2/servicedesk/tickets/{ticketId}/notes/{noteId}';
const GET_TICKET = 'GET /v2/servicedesk/tickets/{ticketId}';

let harness: AppHarness;
let api: BmsApi;
let ticket: Ticket;

beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  harness.sandbox.reset();
  harness.fake.reset();
  await harness.loginAs(JANE);
  api = await harness.runtime.services.sessions.api(harness.identity(JANE));
  ticket = await api.getTicket(SAMPLE_TICKET_ID);
});

/** Builds the card as `/bms ticket` shows it: ephemeral, with the action buttons. */
function ephemeralCard(): Json {
  return buildActionableCard(ticket, { shareable: true }) as unknown as Json;
}

async function addJaneNote(details: string, noteDate = '2026-04-07T12:00:00+00:00') {
  return api.createNote(SAMPLE_TICKET_ID, {
    Details: details,
    IsInternal: true,
    TypeId: NOTE_TYPE_IDS.generalNotes,
    NoteDate: noteDate,
  });
}

describe('card buttons', () => {
  it('carries every action', () => {
    expect(ticketCardActions(ticket).map((button) => button.action_id)).toEqual([
      TICKET_CARD_ACTIONS.addNote,
      TICKET_CARD_ACTIONS.changeStatus,
      TICKET_CARD_ACTIONS.assign,
      TICKET_CARD_ACTIONS.viewNotes,
      TICKET_CARD_ACTIONS.refresh,
    ]);
  });
});

describe('change status', () => {
  it('patches and replaces an ephemeral card', async () => {
    const click = await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.changeStatus);
    const form = await filledModal(harness, JANE, STATUS_MODAL.callbackId);
    const select = (form.view.blocks as Json[]).find((block) => block.block_id === STATUS_MODAL.block);
    expect(((select?.element as Json | undefined)?.initial_option as Json | undefined)?.value).toBe(
      String(ticket.StatusId),
    );

    const served = await servedDuring(harness, async () => {
      await harness.driver.submitView(form.id, { [STATUS_MODAL.action]: String(STATUS_IDS.closed) });
      const replaced = await responsePost(harness, click.responseUrl);
      expect(replaced.replace_original).toBe(true);
      expect(textOf(replaced)).toContain('*Status*\nClosed');
      expect(textOf(replaced)).toContain('Status changed to Closed by Jane Doe.');
    });
    expect(served[PATCH]).toBe(1);
    expect((await api.getTicket(SAMPLE_TICKET_ID)).StatusId).toBe(STATUS_IDS.closed);
  });

  it('updates a shared card with chat.update', async () => {
    const ts = await postCardInChannel(harness, TEAM_CHANNEL, ticket);
    await clickInChannel(harness, TEAM_CHANNEL, ts, TICKET_CARD_ACTIONS.changeStatus, JANE);
    const form = await filledModal(harness, JANE, STATUS_MODAL.callbackId);
    await harness.driver.submitView(form.id, { [STATUS_MODAL.action]: String(STATUS_IDS.waitingOnCustomer) });
    await harness.fake.waitForCall('chat.update', (call) => call.result.ok === true);
    const card = channelMessage(harness, TEAM_CHANNEL, ts);
    expect(textOf(card)).toContain('*Status*\nWaiting on Customer');
    expect(buttonActionIds(card.blocks)).not.toContain(TICKET_CARD_ACTIONS.share);
  });
});

describe('assign', () => {
  it('assigns as BMS requires', async () => {
    const click = await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.assign);
    const form = await filledModal(harness, JANE, ASSIGN_MODAL.callbackId);
    const served = await servedDuring(harness, async () => {
      await harness.driver.submitView(form.id, {
        [`${ASSIGN_MODAL.assignee}/${ASSIGN_MODAL.action}`]: String(SANDBOX_USERS.jane.userId),
        [`${ASSIGN_MODAL.details}/${ASSIGN_MODAL.action}`]: 'Over to Jane',
        [`${ASSIGN_MODAL.status}/${ASSIGN_MODAL.action}`]: String(STATUS_IDS.inProgress),
      });
      expect(textOf(await responsePost(harness, click.responseUrl))).toContain('Assigned to Jane Doe');
    });
    expect(served[ASSIGN]).toBe(1);
    const assigned = await api.getTicket(SAMPLE_TICKET_ID);
    expect(assigned.AssigneeId).toBe(SANDBOX_USERS.jane.userId);
    expect(assigned.StatusId).toBe(STATUS_IDS.inProgress);
    const notes = await api.listNotes(SAMPLE_TICKET_ID);
    expect(notes.some((note) => note.Details === 'Over to Jane' && note.IsInternal)).toBe(true);
  });
});

describe('add note', () => {
  it('adds the note and replaces the card', async () => {
    const click = await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.addNote);
    const form = await filledModal(harness, JANE, NOTE_FORM.addCallbackId);
    const served = await servedDuring(harness, async () => {
      await harness.driver.submitView(form.id, {
        [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: 'Called the customer',
        [`${NOTE_FORM.visibility}/${NOTE_FORM.action}`]: NOTE_FORM.public,
        [`${NOTE_FORM.date}/${NOTE_FORM.action}`]: String(Date.UTC(2026, 3, 7, 12) / 1000),
      });
      expect(textOf(await responsePost(harness, click.responseUrl))).toMatch(/Note \d+ added by Jane Doe\./);
    });
    expect(served[CREATE_NOTE]).toBe(1);
    const notes = await api.listNotes(SAMPLE_TICKET_ID);
    const added = notes.find((note) => note.Details === 'Called the customer');
    expect(added?.IsInternal).toBe(false);
    expect(added?.TypeId).toBe(NOTE_TYPE_IDS.generalNotes);
    expect(Date.parse(String(added?.NoteDate ?? added?.CreatedOn))).toBe(Date.UTC(2026, 3, 7, 12));
  });

  it('offers a retry of a refused note', async () => {
    await harness.bmsFault({
      fault: 'success-false',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/notes',
    });
    const click = await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.addNote);
    const form = await filledModal(harness, JANE, NOTE_FORM.addCallbackId);
    await harness.driver.submitView(form.id, {
      [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: 'Swapped the toner',
    });
    const refused = await responsePost(harness, click.responseUrl);
    expect(refused.replace_original).toBe(false);
    expect(textOf(refused)).toContain('Swapped the toner');

    const served = await servedDuring(harness, async () => {
      const retry = await clickInEphemeral(harness, refused, NOTE_RETRY_ACTION);
      expect(textOf(await responsePost(harness, retry.responseUrl))).toMatch(
        /Note \d+ added to ticket 12345\./,
      );
      // The card behind the form is replaced through the response URL of the first click.
      expect(textOf(await responsePost(harness, click.responseUrl, 1))).toMatch(
        /Note \d+ added by Jane Doe\./,
      );
    });
    expect(served[CREATE_NOTE]).toBe(1);
  });
});

describe('view notes', () => {
  it('pages the notes newest first', async () => {
    for (let day = 1; day <= 11; day += 1)
      await addJaneNote(`Note of day ${day}`, `2030-01-${String(day).padStart(2, '0')}T12:00:00+00:00`);
    await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.viewNotes);
    const first = await filledModal(harness, JANE, NOTES_MODAL.callbackId);
    const text = textOf({ blocks: first.view.blocks });
    expect(text).toContain('14 notes, newest first, page 1 of 2');
    expect(text.indexOf('Note of day 11')).toBeLessThan(text.indexOf('Note of day 10'));

    const since = viewUpdates(harness);
    await harness.driver.blockAction({ viewId: first.id, actionId: NOTES_MODAL.next }, { user: JANE });
    const second = await filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
    expect(textOf({ blocks: second.view.blocks })).toContain('page 2 of 2');
  });

  it('offers Edit and Delete on own notes only', async () => {
    const own = await addJaneNote('Mine to change');
    await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.viewNotes);
    const modal = await filledModal(harness, JANE, NOTES_MODAL.callbackId);
    const actionBlocks = new Set(
      (modal.view.blocks as Json[])
        .map((block) => String(block.block_id))
        .filter((id) => id.startsWith('note_actions_')),
    );
    const notes = await api.listNotes(SAMPLE_TICKET_ID);
    expect(notes.some((note) => note.CreatedBy !== SANDBOX_USERS.jane.userId)).toBe(true);
    expect(actionBlocks.has(`note_actions_${own.Id}`)).toBe(true);
    for (const note of notes) {
      expect(actionBlocks.has(`note_actions_${note.Id}`), `note ${note.Id}`).toBe(
        note.CreatedBy === SANDBOX_USERS.jane.userId,
      );
    }
  });

  it('edits an own note', async () => {
    const own = await addJaneNote('Frist draft');
    await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.viewNotes);
    const notes = await filledModal(harness, JANE, NOTES_MODAL.callbackId);
    await harness.driver.blockAction(
      { viewId: notes.id, actionId: NOTES_MODAL.edit, blockId: `note_actions_${own.Id}` },
      { user: JANE },
    );
    const edit = await filledModal(harness, JANE, NOTE_FORM.editCallbackId);
    const textInput = (edit.view.blocks as Json[]).find((block) => block.block_id === NOTE_FORM.text);
    expect((textInput?.element as Json | undefined)?.initial_value).toBe('Frist draft');

    const since = viewUpdates(harness);
    const served = await servedDuring(harness, async () => {
      await harness.driver.submitView(edit.id, { [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: 'First draft' });
      const refreshed = await filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
      expect(textOf({ blocks: refreshed.view.blocks })).toContain(`Note ${own.Id} updated.`);
    });
    expect(served[UPDATE_NOTE]).toBe(1);
    expect((await api.getNote(SAMPLE_TICKET_ID, own.Id)).Details).toBe('First draft');
  });

  it('deletes an own note after confirming', async () => {
    const own = await addJaneNote('Delete me');
    await clickInEphemeral(harness, ephemeralCard(), TICKET_CARD_ACTIONS.viewNotes);
    const notes = await filledModal(harness, JANE, NOTES_MODAL.callbackId);

    let since = viewUpdates(harness);
    const asked = await servedDuring(harness, async () => {
      await harness.driver.blockAction(
        { viewId: notes.id, actionId: NOTES_MODAL.delete, blockId: `note_actions_${own.Id}` },
        { user: JANE },
      );
      const confirming = await filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
      expect(buttonActionIds(confirming.view.blocks)).toContain(NOTES_MODAL.confirmDelete);
    });
    expect(asked[DELETE_NOTE] ?? 0).toBe(0);

    since = viewUpdates(harness);
    const deleted = await servedDuring(harness, async () => {
      await harness.driver.blockAction(
        { viewId: notes.id, actionId: NOTES_MODAL.confirmDelete, blockId: `note_actions_${own.Id}` },
        { user: JANE },
      );
      const after = await filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
      expect(textOf({ blocks: after.view.blocks })).toContain(`Note ${own.Id} deleted.`);
    });
    expect(deleted[DELETE_NOTE]).toBe(1);
    expect((await api.listNotes(SAMPLE_TICKET_ID)).map((note) => note.Id)).not.toContain(own.Id);
  });
});

describe('refresh', () => {
  it('shows the ticket as BMS has it now', async () => {
    const card = ephemeralCard();
    await api.patchTicket(SAMPLE_TICKET_ID, [{ op: 'replace', path: '/Title', value: 'Changed elsewhere' }]);
    const served = await servedDuring(harness, async () => {
      const click = await clickInEphemeral(harness, card, TICKET_CARD_ACTIONS.refresh);
      const replaced = await responsePost(harness, click.responseUrl);
      expect(replaced.replace_original).toBe(true);
      expect(textOf(replaced)).toContain('Changed elsewhere');
    });
    expect(served[GET_TICKET]).toBe(1);
  });
});

describe('shared cards', () => {
  it('act as the user who clicks', async () => {
    await harness.loginAs(MAX, SANDBOX_USERS.mfa);
    const ts = await postCardInChannel(harness, TEAM_CHANNEL, ticket);
    await clickInChannel(harness, TEAM_CHANNEL, ts, TICKET_CARD_ACTIONS.addNote, MAX);
    const form = await filledModal(harness, MAX, NOTE_FORM.addCallbackId);
    await harness.driver.submitView(form.id, { [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: 'Max was here' });
    await harness.fake.waitForCall('chat.update', (call) => call.result.ok === true);

    const note = (await api.listNotes(SAMPLE_TICKET_ID)).find(
      (candidate) => candidate.Details === 'Max was here',
    );
    expect(note?.CreatedBy).toBe(SANDBOX_USERS.mfa.userId);
    expect(textOf(channelMessage(harness, TEAM_CHANNEL, ts))).toMatch(/Note \d+ added by Max Mfa\./);
  });

  it('fill a form after the login', async () => {
    const newcomer = 'U0NEWBIE2';
    const ts = await postCardInChannel(harness, TEAM_CHANNEL, ticket);
    await clickInChannel(harness, TEAM_CHANNEL, ts, TICKET_CARD_ACTIONS.changeStatus, newcomer);
    const waiting = await filledModal(harness, newcomer, 'ticket_action_waiting');
    expect(textOf({ blocks: waiting.view.blocks })).toContain('Log in to BMS first');

    const since = viewUpdates(harness);
    await harness.loginAs(newcomer);
    expect(await runPendingOperations(harness.slack.deps, harness.identity(newcomer))).toBe(1);
    const form = await filledModal(harness, newcomer, STATUS_MODAL.callbackId, since);
    expect(form.id).toBe(waiting.id);
  });

  it('ask a clicker without a session to log in', async () => {
    const ts = await postCardInChannel(harness, TEAM_CHANNEL, ticket);
    const served = await servedDuring(harness, async () => {
      const click = await clickInChannel(harness, TEAM_CHANNEL, ts, TICKET_CARD_ACTIONS.refresh, 'U0NOBODY1');
      const prompt = await responsePost(harness, click.responseUrl);
      expect(prompt.replace_original).toBe(false);
      expect(buttonActionIds(prompt.blocks)).toContain(LOGIN_PROMPT_ACTION);
    });
    expect(served[GET_TICKET] ?? 0).toBe(0);
  });
});
