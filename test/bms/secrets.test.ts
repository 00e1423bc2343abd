import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BmsError, type TokenSet } from '../../src/bms/index.ts';
import {
  MISSING_TICKET_ID,
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import { createTestClient, type TestClient } from './client-setup.ts';
import { injectFault, type SandboxFixture, startTestSandbox } from './sandbox-setup.ts';

const WRONG_PASSWORD = 'Wrong-Passw0rd-4711';

let fixture: SandboxFixture;
let test: TestClient;

beforeAll(async () => {
  fixture = await startTestSandbox();
  test = createTestClient(fixture.sandbox.url, { timeoutMs: 300 });
});
afterAll(async () => {
  await test.client.close();
  await fixture.sandbox.close();
});

/** Runs `action` and returns the text a log or a user could see of its failure: message, kind, fields and cause. */
async function failureText(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return '';
  } catch (error) {
    if (!(error instanceof BmsError)) throw error;
    return [error.message, JSON.stringify(error), String(error.cause ?? ''), error.stack ?? ''].join('\n');
  }
}

describe('secrets', () => {
  it('never reach logs or errors', async () => {
    const { jane, mfa, locked } = SANDBOX_USERS;
    const seen: string[] = [];
    const tokens: TokenSet[] = [];

    const login = (userName: string, password: string, mfaCode?: string) =>
      test.client.authenticate({ tenant: SANDBOX_TENANT, userName, password, mfaCode });

    tokens.push(await login(jane.userName, SANDBOX_PASSWORD));
    tokens.push(await login(mfa.userName, SANDBOX_PASSWORD, SANDBOX_MFA_CODE));
    seen.push(await failureText(() => login(jane.userName, WRONG_PASSWORD)));
    seen.push(await failureText(() => login(mfa.userName, SANDBOX_PASSWORD)));
    seen.push(await failureText(() => login(mfa.userName, SANDBOX_PASSWORD, SANDBOX_WRONG_MFA_CODE)));
    seen.push(await failureText(() => login(locked.userName, SANDBOX_PASSWORD)));

    const first = tokens[0] as TokenSet;
    const refreshed = await test.client.refreshToken(first);
    tokens.push(refreshed);
    seen.push(await failureText(() => test.client.refreshToken(first)));

    const api = test.client.withToken(refreshed.accessToken);
    await api.getUserInfo();
    await api.getTicket(SAMPLE_TICKET_ID);
    seen.push(await failureText(() => test.client.withToken(first.accessToken).getTicket(MISSING_TICKET_ID)));
    await injectFault(fixture.sandbox, {
      fault: 'timeout',
      method: 'POST',
      path: '/v2/security/authenticate',
    });
    seen.push(await failureText(() => login(jane.userName, SANDBOX_PASSWORD)));
    await injectFault(fixture.sandbox, { fault: 'html', method: 'POST', path: '/v2/security/refreshtoken' });
    seen.push(await failureText(() => test.client.refreshToken(refreshed)));

    const secrets = [SANDBOX_PASSWORD, WRONG_PASSWORD, SANDBOX_MFA_CODE, SANDBOX_WRONG_MFA_CODE];
    for (const set of tokens) secrets.push(set.accessToken, set.refreshToken);
    const text = [...test.logger.lines, ...seen].join('\n');

    expect(test.logger.lines.length).toBeGreaterThan(10);
    expect(seen.map((entry) => entry !== '')).toEqual(seen.map(() => true));
    for (const secret of secrets) expect(text, 'a secret in logs or errors').not.toContain(secret);
    expect(text.toLowerCase()).not.toContain('bearer');
    expect(text.toLowerCase()).not.toContain('authorization:');
  });
});
