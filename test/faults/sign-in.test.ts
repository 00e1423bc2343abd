import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
} from '../../src/sandbox/index.ts';
import { LOGIN_VIEW } from '../../views/login-modal.ts';
import { MFA_VIEW } from '../../views/mfa-modal.ts';
import { MFA_PROMPT_ACTION, MFA_WAITING_TEXT } from '../../views/mfa-prompt.ts';
import type { FakeView, Json } from '../fakes/slack-api.ts';
import type { SubmitResult } from '../fakes/slack-driver.ts';
import { bms, directMessages, openModal, responsePost } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { FAULT_SENTENCES, type SandboxFault } from './columns.ts';
import {
  applyColumn,
  beginCell,
  clearFaults,
  expectCellReadable,
  expectStillServing,
  MATRIX_TICKET_ID,
  servedSince,
  startMatrixHarness,
  visibleTexts,
} from './matrix-harness.ts';

/**
 * Rows of the fault matrix: the login modal's submission and the MFA code's submission, each
 * faulted on BMS's authenticate call. A token revoked mid-flow does not apply: both rows get
 * new tokens.
 */

const AUTHENTICATE = { method: 'POST', path: '/v2/security/authenticate' };
const AUTHENTICATE_ENDPOINT = 'POST /v2/security/authenticate';
const DAY_MS = 24 * 60 * 60 * 1000;
const SIGN_IN_COLUMNS: SandboxFault[] = [
  'http500',
  'html',
  '429',
  'timeout',
  'drop',
  'malformed-json',
  'success-false',
];

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness({ bms: { tenant: SANDBOX_TENANT } });
});
afterAll(async () => {
  await harness?.close();
});

/** The text a refused submission shows: its field errors, or the view it put in place. */
function refusalText(result: SubmitResult, view: FakeView | undefined): string {
  const errors = Object.values(result.errors ?? {}).join(' ');
  return errors !== '' ? errors : visibleTexts(view?.view.blocks).join(' ');
}

function stateValue(viewId: string, block: string, action: string): unknown {
  return harness.fake.findView(viewId)?.state.values[block]?.[action]?.value;
}

describe('login modal submission', () => {
  it.each(SIGN_IN_COLUMNS)('× %s', async (column) => {
    const user = `U0LOGIN${column.replace(/\W/g, '').toUpperCase()}`;
    const mark = await beginCell(harness, 'U0SETUP');
    const opened = await harness.driver.command('/bms', 'login', { user });
    await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === opened.triggerId);
    const view = openModal(harness, user);
    const before = await harness.bmsStats();
    await applyColumn(harness, column, AUTHENTICATE);

    const refused = await harness.driver.submitView(view.id, {
      [LOGIN_VIEW.actions.userName]: SANDBOX_USERS.jane.userName,
      [LOGIN_VIEW.actions.password]: SANDBOX_PASSWORD,
    });
    await clearFaults(harness);
    const where = `login × ${column}`;
    expect(refused.outcome, where).toBe('errors');
    expect(refusalText(refused, harness.fake.findView(view.id)), where).toMatch(FAULT_SENTENCES[column]);
    expect(harness.fake.findView(view.id)?.open, where).toBe(true);
    expect(stateValue(view.id, LOGIN_VIEW.blocks.userName, LOGIN_VIEW.actions.userName)).toBe(
      SANDBOX_USERS.jane.userName,
    );
    expect(stateValue(view.id, LOGIN_VIEW.blocks.password, LOGIN_VIEW.actions.password)).toBe(
      SANDBOX_PASSWORD,
    );
    expect(await servedSince(harness, before, AUTHENTICATE_ENDPOINT), where).toBe(1);
    expectCellReadable(harness, mark, where, [refused.body]);

    // The same form, sent again once BMS is back, logs the user in.
    const again = await harness.driver.submitView(view.id);
    expect(again.outcome, where).toBe('closed');
    expect(String((await responsePost(harness, opened.responseUrl)).text)).toContain(
      SANDBOX_USERS.jane.fullName,
    );
    await expectStillServing(harness, user);
  });
});

describe('MFA code submission', () => {
  /** An MFA user whose session ran out runs a command; the code modal opens from the DM prompt. */
  async function promptForCode(user: string): Promise<{ commandUrl?: string; view: FakeView }> {
    await harness.advance(DAY_MS + 1000);
    const { result, reply } = await bms(harness, `ticket ${MATRIX_TICKET_ID}`, { user });
    expect(reply.text).toBe(MFA_WAITING_TEXT);
    const prompt = directMessages(harness, user).at(-1);
    const clicked = await harness.driver.blockAction(
      {
        message: { channel: String(prompt?.args.channel), ts: String(prompt?.result.ts) },
        actionId: MFA_PROMPT_ACTION,
      },
      { user },
    );
    await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId);
    return { commandUrl: result.responseUrl, view: openModal(harness, user) };
  }

  it.each(SIGN_IN_COLUMNS)('× %s', async (column) => {
    const user = `U0MFA${column.replace(/\W/g, '').toUpperCase()}`;
    const mark = await beginCell(harness, user, SANDBOX_USERS.mfa);
    const { commandUrl, view } = await promptForCode(user);
    const before = await harness.bmsStats();
    await applyColumn(harness, column, AUTHENTICATE, SANDBOX_USERS.mfa);

    const refused = await harness.driver.submitView(view.id, { [MFA_VIEW.action]: SANDBOX_MFA_CODE });
    await clearFaults(harness);
    const where = `MFA code × ${column}`;
    expect(refused.outcome, where).toBe('errors');
    expect(refusalText(refused, harness.fake.findView(view.id)), where).toMatch(FAULT_SENTENCES[column]);
    expect(harness.fake.findView(view.id)?.open, where).toBe(true);
    expect(await servedSince(harness, before, AUTHENTICATE_ENDPOINT), where).toBe(1);
    expect(await harness.runtime.services.pending.listPending(harness.identity(user)), where).toHaveLength(1);
    expectCellReadable(harness, mark, where, [refused.body]);

    // A failure of BMS is not a wrong code: the right code still works, and the ticket comes once.
    const again = await harness.driver.submitView(view.id, { [MFA_VIEW.action]: SANDBOX_MFA_CODE });
    expect(again.outcome, where).toBe('closed');
    const card = await responsePost(harness, commandUrl, 1);
    expect((card.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${MATRIX_TICKET_ID}`);
    expect(harness.fake.responsePosts(commandUrl ?? '')).toHaveLength(2);
    await expectStillServing(harness, user);
  });
});
