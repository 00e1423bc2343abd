import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PASSWORD, SANDBOX_TENANT, SANDBOX_USERS } from '../../src/sandbox/index.ts';
import { LOGIN_VIEW } from '../../views/login-modal.ts';
import { ENDPOINTS, openModal, servedSince } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Malformed and oversized input in the login modal. The password and code must not appear in plain text outside it. */

const { blocks: BLOCKS, actions: ACTIONS } = LOGIN_VIEW;
type LoginField = keyof typeof BLOCKS;

/** A password that appears nowhere else, so finding it anywhere is a leak. */
const LONG_PASSWORD = `Lg${'q7Z'.repeat(332)}!x`;
/** A code the sandbox accepts (six digits summing to 21), typed in groups as authenticator apps show it. */
const SPACED_CODE = '93 07 02';

let harness: AppHarness;
let folder: string;
let storeFile: string;
let userCount = 0;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'bms-slack-login-attacks-'));
  storeFile = join(folder, 'store.sqlite');
  harness = await startAppHarness({ storeUrl: `sqlite://${storeFile}`, bms: { tenant: SANDBOX_TENANT } });
});
afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Opens the login modal for a new Slack user and submits the given text values, others as prefilled. */
async function submitLogin(values: Partial<Record<LoginField, string>>) {
  userCount += 1;
  const user = `U0LOGINATK${userCount}`;
  const opened = await harness.driver.command('/bms', 'login', { user });
  await harness.fake.waitForCall('views.open', (call) => call.args.trigger_id === opened.triggerId);
  const view = openModal(harness, user);
  for (const [field, value] of Object.entries(values) as [LoginField, string][]) {
    harness.fake.setViewValue(view.id, BLOCKS[field], ACTIONS[field], { type: 'plain_text_input', value });
  }
  const before = await harness.bmsStats();
  const result = await harness.driver.submitView(view.id);
  return {
    result,
    user,
    open: harness.fake.findView(view.id)?.open === true,
    logins: await servedSince(harness, before, ENDPOINTS.authenticate),
  };
}

describe('login form attacks', () => {
  it('lists every blank field', async () => {
    const { result, open, logins } = await submitLogin({ tenant: ' ', userName: ' ', password: ' ' });
    expect(result.outcome).toBe('errors');
    expect(result.errors?.[BLOCKS.tenant]).toBe('Enter your BMS tenant name.');
    expect(result.errors?.[BLOCKS.userName]).toBe('Enter your BMS user name.');
    expect(result.errors?.[BLOCKS.password]).toBe('Enter your BMS password.');
    expect(open).toBe(true);
    expect(logins).toBe(0);
  });

  it('rejects a 1,000-character password', async () => {
    const { result, open } = await submitLogin({
      userName: SANDBOX_USERS.jane.userName,
      password: LONG_PASSWORD,
    });
    expect(LONG_PASSWORD).toHaveLength(1000);
    expect(result.outcome).toBe('errors');
    expect(result.errors?.[BLOCKS.password]).toContain('Check them and try again');
    expect(open).toBe(true);
  });

  it('rejects a tenant with spaces', async () => {
    const { result, open } = await submitLogin({
      tenant: 'no such tenant',
      userName: SANDBOX_USERS.jane.userName,
      password: SANDBOX_PASSWORD,
    });
    expect(result.outcome).toBe('errors');
    expect(Object.values(result.errors ?? {}).join(' ')).toContain('tenant');
    expect(open).toBe(true);
  });

  it('reads a spaced MFA code', async () => {
    const { result, user } = await submitLogin({
      userName: SANDBOX_USERS.mfa.userName,
      password: SANDBOX_PASSWORD,
      mfaCode: SPACED_CODE,
    });
    expect(result.outcome).toBe('closed');
    const session = await harness.runtime.services.sessions.status(harness.identity(user));
    expect(session?.userName).toBe(SANDBOX_USERS.mfa.userName);
  });

  it.each([
    ['letters', 'abcdef'],
    ['7 digits', '1234567'],
    ['5 digits', '12345'],
  ])('rejects an MFA code of %s', async (_name, code) => {
    const { result, open, logins } = await submitLogin({
      userName: SANDBOX_USERS.mfa.userName,
      password: SANDBOX_PASSWORD,
      mfaCode: code,
    });
    expect(result.outcome).toBe('errors');
    expect(result.errors?.[BLOCKS.mfaCode]).toBe(
      'An MFA code is 6 digits, like 123456: enter the current one.',
    );
    expect(open).toBe(true);
    expect(logins).toBe(0);
  });

  it('leaks no password or code', async () => {
    await harness.runtime.services.cache.idle();
    const logs = harness.logLines.join('\n');
    const sentToSlack = JSON.stringify(harness.fake.calls.map((call) => call.args));
    const stored = [storeFile, `${storeFile}-wal`, `${storeFile}-journal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    // The haystacks hold what they should, so an empty capture cannot pass the test.
    expect(stored).toContain('vault:');
    expect(logs).toContain('BMS login succeeded');

    const code = SPACED_CODE.replaceAll(' ', '');
    for (const [where, text] of Object.entries({ logs, sentToSlack, stored })) {
      expect(text.includes(LONG_PASSWORD.slice(0, 40)), `${where} contains the long password`).toBe(false);
      expect(text.includes(SANDBOX_PASSWORD), `${where} contains the password`).toBe(false);
      expect(new RegExp(`(?<![0-9])${code}(?![0-9])`).test(text), `${where} contains the code`).toBe(false);
      expect(text.includes(SPACED_CODE), `${where} contains the spaced code`).toBe(false);
    }
  });
});
