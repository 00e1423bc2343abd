import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TICKET_ID,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
} from '../../src/sandbox/index.ts';
import { createKeyRing } from '../../src/vault/crypto.ts';
import { createVault } from '../../src/vault/vault.ts';
import { LOGIN_VIEW } from '../../views/login-modal.ts';
import { MFA_VIEW } from '../../views/mfa-modal.ts';
import { MFA_PROMPT_ACTION } from '../../views/mfa-prompt.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { bms, directMessages, openModal, responsePost } from './flow-helpers.ts';

/** Codes the sandbox accepts (six digits summing to 21) that appear nowhere else in the test. */
const LOGIN_CODE = '930702';
const PROMPT_CODE = '480207';
const WRONG_CODE = '111111';
const DAY_MS = 24 * 3600 * 1000;
const USER = 'U0SECRETS';

let harness: AppHarness;
let folder: string;
let storeFile: string;
const tokens = new Set<string>();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'bms-slack-secrets-'));
  storeFile = join(folder, 'store.sqlite');
  harness = await startAppHarness({ storeUrl: `sqlite://${storeFile}`, bms: { tenant: SANDBOX_TENANT } });
});
afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Reads the tokens in the vault now, so the test knows every token the app was given. */
async function collectTokens(): Promise<void> {
  const vault = createVault({
    store: harness.runtime.services.store,
    keyRing: createKeyRing(harness.slack.deps.config.vault.key),
  });
  const record = await vault.get(harness.identity(USER));
  if (!record) throw new Error('no vault record to read tokens from');
  tokens.add(record.accessToken);
  tokens.add(record.refreshToken);
}

/** Matches a code only as a whole number, so a timestamp that happens to contain its digits does not count. */
function codePattern(code: string): RegExp {
  return new RegExp(`(?<![0-9])${code}(?![0-9])`);
}

describe('secrets in the Slack flows', () => {
  it('appear in no log, Slack call or store file', async () => {
    // Log in through the modal with a remembered password and an MFA code.
    const opened = await harness.driver.command('/bms', 'login', { user: USER });
    await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === opened.triggerId);
    const login = await harness.driver.submitView(openModal(harness, USER).id, {
      [LOGIN_VIEW.actions.userName]: SANDBOX_USERS.mfa.userName,
      [LOGIN_VIEW.actions.password]: SANDBOX_PASSWORD,
      [LOGIN_VIEW.actions.remember]: ['remember'],
      [LOGIN_VIEW.actions.mfaCode]: LOGIN_CODE,
    });
    expect(login.outcome).toBe('closed');
    await responsePost(harness, opened.responseUrl);
    await collectTokens();

    // Use the session, renew it, then let it run out so that the DM requests a code.
    await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user: USER });
    await bms(harness, 'auth refresh', { user: USER });
    await collectTokens();
    await harness.advance(DAY_MS + 1000);
    const waiting = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user: USER });

    const [prompt] = directMessages(harness, USER);
    const clicked = await harness.driver.blockAction(
      {
        message: { channel: String(prompt?.args.channel), ts: String(prompt?.result.ts) },
        actionId: MFA_PROMPT_ACTION,
      },
      { user: USER },
    );
    await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId);
    const codeView = openModal(harness, USER);
    const wrong = await harness.driver.submitView(codeView.id, { [MFA_VIEW.action]: WRONG_CODE });
    expect(wrong.outcome).toBe('errors');
    const right = await harness.driver.submitView(codeView.id, { [MFA_VIEW.action]: PROMPT_CODE });
    expect(right.outcome).toBe('closed');
    await responsePost(harness, waiting.result.responseUrl, 1);
    await collectTokens();
    await harness.runtime.services.cache.idle();

    const key = harness.slack.deps.config.vault.key;
    const plainSecrets = [SANDBOX_PASSWORD, ...tokens, key.toString('base64'), key.toString('hex')];
    const codes = [LOGIN_CODE, PROMPT_CODE, WRONG_CODE];
    expect(tokens.size).toBeGreaterThanOrEqual(6);

    const logs = harness.logLines.join('\n');
    // What the app sent to Slack: method arguments and response URL posts.
    const sentToSlack = JSON.stringify(harness.fake.calls.map((call) => call.args));
    const storeFiles = [storeFile, `${storeFile}-wal`, `${storeFile}-journal`].filter((file) =>
      existsSync(file),
    );
    const stored = storeFiles.map((file) => readFileSync(file).toString('latin1')).join('\n');
    // The haystacks hold what they should, so an empty capture cannot pass the test.
    expect(stored).toContain('vault:');
    expect(logs).toContain('BMS login succeeded');
    expect(sentToSlack).toContain(SANDBOX_USERS.mfa.fullName);

    for (const [where, text] of Object.entries({ logs, sentToSlack, stored })) {
      for (const secret of plainSecrets)
        expect(text.includes(secret), `${where} contains a secret`).toBe(false);
      for (const code of codes)
        expect(codePattern(code).test(text), `${where} contains code ${code}`).toBe(false);
    }
  });
});
