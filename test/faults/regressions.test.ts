import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BmsError } from '../../src/bms/errors.ts';
import { NOTE_TYPE_IDS, SAMPLE_TICKET_ID, SANDBOX_USERS, STATUS_IDS } from '../../src/sandbox/index.ts';
import { describeError } from '../../src/slack/error-text.ts';
import { buildKeptTextMessage } from '../../views/notice-message.ts';
import { ASSIGN_MODAL } from '../../views/ticket-actions-assign.ts';
import { NOTE_FORM } from '../../views/ticket-actions-note.ts';
import { NOTES_MODAL } from '../../views/ticket-actions-notes.ts';
import { TICKET_CARD_ACTIONS } from '../../views/ticket-card.ts';
import { bms, messageText, responsePost, servedSince } from '../slack/flow-helpers.ts';
import { openedView, pick } from '../slack/ticket-form-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { revokeTokens } from './matrix-harness.ts';

/** Bugs the fault matrix found, each pinned by the behaviour it broke. */

const LOCATIONS_PATH = '/v2/crm/accounts/{accountId}/locations/lookup';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness({ bmsRetry: { sleep: async () => {} } });
});
afterAll(async () => {
  await harness?.close();
});

describe('rate-limit sentence', () => {
  it('says one second in the singular', () => {
    const error = new BmsError('rate_limited', 'BMS answered 429.', { status: 429, retryAfterSeconds: 1 });
    expect(describeError(error)).toContain('Try again in 1 second.');
  });
});

describe('refusal sentence', () => {
  it('names a refused sign-in', () => {
    const error = new BmsError('validation', 'BMS refused it.', {
      status: 200,
      bmsMessage: 'The request could not be completed.',
      endpoint: 'POST /v2/security/authenticate',
    });
    expect(describeError(error)).toContain('BMS rejected the sign-in: The request could not be completed.');
  });

  it('asks no correction for a refused read', () => {
    const error = new BmsError('validation', 'BMS refused it.', {
      status: 200,
      bmsMessage: 'Not now.',
      endpoint: 'GET /v2/servicedesk/tickets/{ticketId}',
    });
    expect(describeError(error)).toBe(
      'BMS refused to load the ticket: Not now. Try again; if it keeps failing, ask your BMS administrator.',
    );
  });

  it('names a lookup list', () => {
    const error = new BmsError('validation', 'BMS refused it.', {
      endpoint: 'GET /v2/system/statuses/lookup',
    });
    expect(describeError(error)).toContain('the list');
  });
});

describe('cache loads', () => {
  it('renew a token revoked mid-flow', async () => {
    const user = 'U0REVOKEDCACHE';
    await harness.loginAs(user, SANDBOX_USERS.jane, true);
    await revokeTokens(harness, SANDBOX_USERS.jane.userName);
    const before = await harness.bmsStats();

    const { reply } = await bms(harness, 'accounts contoso --refresh', { user });
    expect(messageText(reply)).toContain('Contoso Ltd');
    expect(messageText(reply)).not.toContain('session has expired');
    expect(await servedSince(harness, before, 'POST /v2/security/authenticate')).toBe(1);
  });
});

describe('card assign', () => {
  it('keeps the typed note when BMS fails', async () => {
    const user = 'U0ASSIGNKEEP';
    await harness.loginAs(user);
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user });
    const updates = harness.fake.callsOf('views.update').length;
    const click = await harness.driver.blockAction(
      {
        message: {
          channel: 'C0GENERAL1',
          ts: '1700000000.000100',
          blocks: reply.blocks as unknown[],
          ephemeral: true,
        },
        actionId: TICKET_CARD_ACTIONS.assign,
      },
      { user },
    );
    await harness.fake.waitForCall(
      'views.update',
      (call) => harness.fake.callsOf('views.update').indexOf(call) >= updates && call.result.ok === true,
    );
    const form = harness.fake.latestView(user);
    await harness.bmsFault({
      fault: 'http500',
      method: 'POST',
      path: '/v2/servicedesk/tickets/{ticketId}/assignticket',
    });

    await harness.driver.submitView(String(form?.id), {
      [`${ASSIGN_MODAL.assignee}/${ASSIGN_MODAL.action}`]: String(SANDBOX_USERS.jane.userId),
      [`${ASSIGN_MODAL.details}/${ASSIGN_MODAL.action}`]: 'Escalated: the fuser unit must be replaced.',
      [`${ASSIGN_MODAL.status}/${ASSIGN_MODAL.action}`]: String(STATUS_IDS.inProgress),
    });
    const answer = messageText(await responsePost(harness, click.responseUrl));
    expect(answer).toContain(`Ticket ${SAMPLE_TICKET_ID} was not assigned.`);
    expect(answer).toContain('BMS failed with a server error');
    expect(answer).toContain('Escalated: the fuser unit must be replaced.');
  });
});

describe('ticket form account choice', () => {
  /** Opens the form and chooses an account whose locations BMS fails to return; returns the form's text. */
  async function chooseFailingAccount(user: string, accountId: number): Promise<string> {
    await harness.loginAs(user);
    const result = await harness.driver.command('/bms', 'create', { user });
    const viewId = await openedView(harness, result.triggerId);
    await harness.bmsFault({ fault: 'drop', method: 'GET', path: LOCATIONS_PATH, times: 0 });
    try {
      const update = await pick(
        harness,
        viewId,
        'create_ticket_account',
        { value: String(accountId), text: 'Any' },
        user,
      );
      return JSON.stringify(update.args.view);
    } finally {
      await fetch(`${harness.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  }

  it('says why the location list failed', async () => {
    const text = await chooseFailingAccount('U0FORMREASON', 1201);
    expect(text).toContain('BMS did not return the location list. The app could not reach BMS');
  });

  it('asks BMS for the locations once', async () => {
    const before = await harness.bmsStats();
    await chooseFailingAccount('U0FORMONCE', 1202);
    // One load: the first attempt and three retries of the read.
    expect(await servedSince(harness, before, `GET ${LOCATIONS_PATH}`)).toBe(4);
  });
});

describe('kept text message', () => {
  it('quotes many short lines within limits', () => {
    const text = 'ab\n'.repeat(1000);
    const message = buildKeptTextMessage({
      opening: 'Not saved.',
      reason: 'Why.',
      label: 'Your text:',
      text,
    });
    for (const block of message.blocks) {
      const section = block as { text?: { text?: string } };
      expect(String(section.text?.text).length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('notes list edit', () => {
  it('keeps the edited text when BMS fails', async () => {
    const user = 'U0EDITKEEP';
    await harness.loginAs(user);
    const api = await harness.runtime.services.sessions.api(harness.identity(user));
    const own = await api.createNote(SAMPLE_TICKET_ID, {
      Details: 'First draft',
      IsInternal: true,
      TypeId: NOTE_TYPE_IDS.generalNotes,
      NoteDate: new Date(harness.clock()).toISOString(),
    });
    const { reply } = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user });
    const notes = await afterUpdate(user, () =>
      harness.driver.blockAction(
        {
          message: {
            channel: 'C0GENERAL1',
            ts: '1700000000.000100',
            blocks: reply.blocks as unknown[],
            ephemeral: true,
          },
          actionId: TICKET_CARD_ACTIONS.viewNotes,
        },
        { user },
      ),
    );
    const edit = await afterUpdate(user, () =>
      harness.driver.blockAction(
        { viewId: notes, actionId: NOTES_MODAL.edit, blockId: `note_actions_${own.Id}` },
        { user },
      ),
    );
    await harness.bmsFault({
      fault: 'http500',
      method: 'PUT',
      path: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    });
    const calls = harness.fake.calls.length;

    await harness.driver.submitView(edit, {
      [`${NOTE_FORM.text}/${NOTE_FORM.action}`]: 'Second draft, kept.',
    });
    const dm = await harness.fake.waitForCall(
      'chat.postMessage',
      (call) => harness.fake.calls.indexOf(call) >= calls && call.args.channel === `D${user.slice(1)}`,
    );
    const answer = messageText(dm.args);
    expect(answer).toContain(`Note ${own.Id} of ticket ${SAMPLE_TICKET_ID} was not updated.`);
    expect(answer).toContain('Second draft, kept.');
  });
});

describe('locations --refresh', () => {
  it('says the reload failed', async () => {
    const user = 'U0LOCRELOAD';
    await harness.loginAs(user);
    await bms(harness, 'locations --account 1301', { user });
    await harness.bmsFault({ fault: 'http500', method: 'GET', path: LOCATIONS_PATH, times: 0 });
    try {
      const { reply } = await bms(harness, 'locations --account 1301 --refresh', { user });
      expect(messageText(reply)).toContain('BMS did not return the list, so this is the copy from');
      expect(messageText(reply)).not.toContain('reloads it from BMS');
    } finally {
      await fetch(`${harness.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });
});

/** Runs `act` and returns the id of the user's top view once a views.update after it succeeds. */
async function afterUpdate(user: string, act: () => Promise<unknown>): Promise<string> {
  const since = harness.fake.callsOf('views.update').length;
  await act();
  await harness.fake.waitForCall(
    'views.update',
    (call) => harness.fake.callsOf('views.update').indexOf(call) >= since && call.result.ok === true,
  );
  return String(harness.fake.latestView(user)?.id);
}
