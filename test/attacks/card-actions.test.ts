import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BmsApi, Note } from '../../src/bms/index.ts';
import { NOTE_TYPE_IDS, SAMPLE_TICKET_ID, SANDBOX_USERS } from '../../src/sandbox/index.ts';
import { buildActionableCard } from '../../views/ticket-actions.ts';
import { NOTE_FORM, NOTE_RETRY_ACTION } from '../../views/ticket-actions-note.ts';
import { NOTES_MODAL } from '../../views/ticket-actions-notes.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import { clickInEphemeral, filledModal, servedDuring, textOf, viewUpdates } from '../commands/helpers.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import { buttonActionIds, directMessages, responsePost } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Ticket card buttons on a ticket that is gone, and forged or repeated clicks in the notes modal. */

const JANE = 'U0JANE';
const MAX = 'U0MAX';
const DELETED_TICKET_ID = 12346;
const DELETE_NOTE = 'DELETE /v2/servicedesk/tickets/{ticketId}/notes/{noteId}';
const CREATE_NOTE_PATH = '/v2/servicedesk/tickets/{ticketId}/notes';
const MISSING_TEXT = `Ticket ${DELETED_TICKET_ID} was not found in BMS, or it was deleted.`;

let harness: AppHarness;
let jane: BmsApi;
let max: BmsApi;
let deletedCard: Json;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(JANE);
  await harness.loginAs(MAX, SANDBOX_USERS.mfa);
  jane = await harness.runtime.services.sessions.api(harness.identity(JANE));
  max = await harness.runtime.services.sessions.api(harness.identity(MAX));

  const doomed = await jane.getTicket(DELETED_TICKET_ID);
  deletedCard = buildActionableCard(doomed, { shareable: true }) as unknown as Json;
  await jane.deleteTicket(DELETED_TICKET_ID);
});
afterAll(async () => {
  await harness?.close();
});

function noteBy(api: BmsApi, details: string): Promise<Note> {
  return api.createNote(SAMPLE_TICKET_ID, {
    Details: details,
    IsInternal: true,
    TypeId: NOTE_TYPE_IDS.generalNotes,
    NoteDate: '2026-04-07T12:00:00+00:00',
  });
}

/** Opens the notes modal of the sample ticket from its card, as Jane. */
async function openNotes(): Promise<FakeView> {
  const card = buildActionableCard(await jane.getTicket(SAMPLE_TICKET_ID), { shareable: true });
  const since = viewUpdates(harness);
  await clickInEphemeral(harness, card as unknown as Json, TICKET_CARD_ACTIONS.viewNotes);
  return filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
}

/** Points every button under one note at another note id, as a forged payload would. */
function forgeNoteButtons(viewId: string, noteId: number, forgedId: number): void {
  const blocks = harness.fake.findView(viewId)?.view.blocks as Json[];
  const row = blocks.find((block) => block.block_id === `note_actions_${noteId}`);
  if (!row) throw new Error(`note ${noteId} has no buttons in view ${viewId}`);
  for (const element of row.elements as Json[]) element.value = String(forgedId);
}

/** Clicks a button under a note in the notes modal and waits for the modal's next update. */
async function clickNote(viewId: string, actionId: string, noteId: number): Promise<FakeView> {
  const since = viewUpdates(harness);
  await harness.driver.blockAction({ viewId, actionId, blockId: `note_actions_${noteId}` }, { user: JANE });
  return filledModal(harness, JANE, NOTES_MODAL.callbackId, since);
}

describe('card of a deleted ticket', () => {
  it.each([
    ['add note', TICKET_CARD_ACTIONS.addNote],
    ['change status', TICKET_CARD_ACTIONS.changeStatus],
    ['assign', TICKET_CARD_ACTIONS.assign],
    ['view notes', TICKET_CARD_ACTIONS.viewNotes],
  ])('%s names the missing ticket', async (_name, action) => {
    const since = viewUpdates(harness);
    await clickInEphemeral(harness, deletedCard, action);
    await harness.fake.waitForCall('views.update', (call) => {
      const index = harness.fake.callsOf('views.update').indexOf(call);
      return index >= since && textOf({ blocks: (call.args.view as Json).blocks }).includes(MISSING_TEXT);
    });
  });

  it('refresh names the missing ticket', async () => {
    const click = await clickInEphemeral(harness, deletedCard, TICKET_CARD_ACTIONS.refresh);
    expect(textOf(await responsePost(harness, click.responseUrl))).toContain(MISSING_TEXT);
  });

  it('share names the missing ticket', async () => {
    const click = await clickInEphemeral(harness, deletedCard, TICKET_CARD_ACTIONS.share);
    expect(textOf(await responsePost(harness, click.responseUrl))).toContain(MISSING_TEXT);
  });
});

describe('refused note', () => {
  it('keeps a long multi-line note for a retry', async () => {
    const text = `Checked the & <router> logs\n${'ok\n'.repeat(990)}`.slice(0, 3000).trim();
    await harness.bmsFault({ fault: 'success-false', method: 'POST', path: CREATE_NOTE_PATH, times: 1 });
    const card = buildActionableCard(await jane.getTicket(SAMPLE_TICKET_ID), { shareable: true });
    const since = viewUpdates(harness);
    const click = await clickInEphemeral(harness, card as unknown as Json, TICKET_CARD_ACTIONS.addNote);
    const form = await filledModal(harness, JANE, NOTE_FORM.addCallbackId, since);
    await harness.driver.submitView(form.id, { [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: text });

    // responsePost fails when Slack refuses the message, which would lose the typed note.
    const refused = await responsePost(harness, click.responseUrl);
    expect(buttonActionIds(refused.blocks)).toContain(NOTE_RETRY_ACTION);
    expect(textOf(refused)).toContain('Checked the & <router> logs');

    const retry = await clickInEphemeral(harness, refused, NOTE_RETRY_ACTION);
    expect(textOf(await responsePost(harness, retry.responseUrl))).toMatch(/Note \d+ added/);
    const notes = await jane.listNotes(SAMPLE_TICKET_ID);
    expect(notes.some((note) => note.Details === text)).toBe(true);
  });
});

describe('notes modal attacks', () => {
  it('refuses a forged Edit of another note', async () => {
    const theirs = await noteBy(max, 'Max wrote this');
    const mine = await noteBy(jane, 'Jane wrote this');
    const notes = await openNotes();
    forgeNoteButtons(notes.id, mine.Id, theirs.Id);

    const since = viewUpdates(harness);
    await harness.driver.blockAction(
      { viewId: notes.id, actionId: NOTES_MODAL.edit, blockId: `note_actions_${mine.Id}` },
      { user: JANE },
    );
    const edit = await harness.fake.waitForCall(
      'views.update',
      (call) => harness.fake.callsOf('views.update').indexOf(call) >= since,
    );
    expect(textOf({ blocks: (edit.args.view as Json).blocks })).toContain(
      'Only the author of a note can edit it here.',
    );
  });

  it('refuses a forged Delete of another note', async () => {
    const theirs = await noteBy(max, 'Max keeps this');
    const mine = await noteBy(jane, 'Jane asks to delete');
    const notes = await openNotes();
    await clickNote(notes.id, NOTES_MODAL.delete, mine.Id);
    forgeNoteButtons(notes.id, mine.Id, theirs.Id);

    const served = await servedDuring(harness, async () => {
      const after = await clickNote(notes.id, NOTES_MODAL.confirmDelete, mine.Id);
      expect(textOf({ blocks: after.view.blocks })).toContain(
        'Only the author of a note can delete it here.',
      );
    });
    expect(served[DELETE_NOTE] ?? 0).toBe(0);
    const remaining = (await jane.listNotes(SAMPLE_TICKET_ID)).map((note) => note.Id);
    expect(remaining).toContain(theirs.Id);
    expect(remaining).toContain(mine.Id);
  });

  it('takes a double Delete confirm calmly', async () => {
    const mine = await noteBy(jane, 'Delete me twice');
    const notes = await openNotes();
    const confirming = await clickNote(notes.id, NOTES_MODAL.delete, mine.Id);
    expect(buttonActionIds(confirming.view.blocks)).toContain(NOTES_MODAL.confirmDelete);
    const dmsBefore = directMessages(harness, JANE).length;

    const served = await servedDuring(harness, async () => {
      const since = viewUpdates(harness);
      const click = () =>
        harness.driver.blockAction(
          { viewId: notes.id, actionId: NOTES_MODAL.confirmDelete, blockId: `note_actions_${mine.Id}` },
          { user: JANE },
        );
      await Promise.all([click(), click()]);
      await harness.fake.waitForCall(
        'views.update',
        () => harness.fake.callsOf('views.update').slice(since).length >= 2,
      );
    });
    expect(served[DELETE_NOTE]).toBeGreaterThanOrEqual(1);
    const shown = textOf({ blocks: harness.fake.findView(notes.id)?.view.blocks });
    expect(shown).toMatch(new RegExp(`Note ${mine.Id} (was already )?deleted\\.`));
    expect(directMessages(harness, JANE).length).toBe(dmsBefore);
    const failures = harness.logLines.filter((line) => line.includes('listener failed'));
    expect(failures.filter((line) => line.includes(NOTES_MODAL.confirmDelete))).toEqual([]);
    expect((await jane.listNotes(SAMPLE_TICKET_ID)).map((note) => note.Id)).not.toContain(mine.Id);
  });
});
