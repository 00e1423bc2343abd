import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter, noticeOf, openedView, stateOf, submitForResult } from '../slack/ticket-form-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { FAULT_SENTENCES, type FaultColumn, WRITE_COLUMNS } from './columns.ts';
import {
  applyColumn,
  beginCell,
  clearFaults,
  expectCellReadable,
  expectStillServing,
  MATRIX_TICKET_ID,
  servedSince,
  startMatrixHarness,
} from './matrix-harness.ts';

/** Row of the fault matrix: the note form of the "Add to BMS ticket" message shortcut, faulted on the note's POST. */

const USER = 'U0NOTER';
const CHANNEL = 'C0NOTES001';
const NOTES = { method: 'POST', path: '/v2/servicedesk/tickets/{ticketId}/notes' };
const NOTES_ENDPOINT = 'POST /v2/servicedesk/tickets/{ticketId}/notes';

/** Faults after which BMS may have stored the note: the form says so. */
const UNCONFIRMED: ReadonlySet<FaultColumn> = new Set([
  'http500',
  'html',
  'timeout',
  'drop',
  'malformed-json',
  'lost-reply',
]);

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
  harness.fake.addChannel({ id: CHANNEL, name: 'notes' });
});
afterAll(async () => {
  await harness?.close();
});

async function notesWith(text: string): Promise<number> {
  const api = await harness.runtime.services.sessions.api(harness.identity(USER));
  return (await api.listNotes(MATRIX_TICKET_ID)).filter((note) => note.Details === text).length;
}

describe('note shortcut submission', () => {
  it.each(WRITE_COLUMNS)('× %s', async (column) => {
    const where = `note shortcut × ${column}`;
    const text = `Matrix note (${column}): the customer confirmed the fix.`;
    const mark = await beginCell(harness, USER);
    const shortcut = await harness.driver.messageShortcut(
      'add_note_from_message',
      // A message of its own per cell: a note ties its message's thread to the ticket.
      {
        ts: `${1714560000 + WRITE_COLUMNS.indexOf(column)}.000100`,
        user: 'U0BOB',
        text: `Update for #${MATRIX_TICKET_ID}`,
      },
      { user: USER, channel: CHANNEL },
    );
    const viewId = await openedView(harness, shortcut.triggerId);
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value, where).toBe(`#${MATRIX_TICKET_ID}`);
    enter(harness, viewId, 'add_note_text', text);
    const before = await harness.bmsStats();
    await applyColumn(harness, column, NOTES);

    const shown = await submitForResult(harness, viewId);
    await clearFaults(harness);
    expectCellReadable(harness, mark, where);
    const posts = await servedSince(harness, before, NOTES_ENDPOINT);

    if (column === 'revoked') {
      expect(JSON.stringify(shown.blocks), where).toContain('Added as a note to');
      // The ticket lookup before the POST meets the revoked token and renews it; at most the POST refused with 401 repeats.
      expect(posts, where).toBeLessThanOrEqual(2);
      expect(await notesWith(text), where).toBe(1);
      await expectStillServing(harness, USER);
      return;
    }

    expect(shown.callback_id, where).toBe('add_note_form');
    expect(harness.fake.findView(viewId)?.open, where).toBe(true);
    expect(stateOf(harness, viewId, 'add_note_text')?.value, where).toBe(text);
    expect(stateOf(harness, viewId, 'add_note_ticket')?.value, where).toBe(`#${MATRIX_TICKET_ID}`);
    expect(posts, where).toBe(1);
    // None of these faults concerns one field: the reason is the notice above the form.
    const reason = noticeOf(harness, viewId) ?? '';
    expect(reason, where).toMatch(/^⚠️ The note was not added\./);
    if (UNCONFIRMED.has(column)) expect(reason, where).toMatch(/may have been added/);
    else expect(reason, where).toMatch(FAULT_SENTENCES[column as keyof typeof FAULT_SENTENCES]);

    expect(await notesWith(text), where).toBe(column === 'lost-reply' ? 1 : 0);
    if (column !== 'lost-reply') {
      // Nothing was stored: the same form, sent again, adds the note once.
      const again = await submitForResult(harness, viewId);
      expect(JSON.stringify(again.blocks), where).toContain('Added as a note to');
      expect(await notesWith(text), where).toBe(1);
    }
    await expectStillServing(harness, USER);
  });
});
