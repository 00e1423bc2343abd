import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTH_ERROR_CODES,
  AUTH_MESSAGES,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import { control, SANDBOX_START, type SandboxFixture, startTestSandbox } from './sandbox-setup.ts';

const HOUR_MS = 3_600_000;

let fixture: SandboxFixture;
let test: TestClient;

beforeAll(async () => {
  fixture = await startTestSandbox();
  test = createTestClient(fixture.sandbox.url);
});
afterAll(async () => {
  await test.client.close();
  await fixture.sandbox.close();
});
beforeEach(() => {
  fixture.sandbox.reset();
});

function login(userName: string, more: { password?: string; mfaCode?: string; tenant?: string } = {}) {
  return test.client.authenticate({
    tenant: more.tenant ?? SANDBOX_TENANT,
    userName,
    password: more.password ?? SANDBOX_PASSWORD,
    mfaCode: more.mfaCode,
  });
}

describe('authenticate against the sandbox', () => {
  it('logs in a plain user', async () => {
    const tokens = await login(SANDBOX_USERS.jane.userName);
    expect(tokens.accessToken).not.toBe('');
    expect(tokens.refreshToken).not.toBe('');
    expect(tokens.accessTokenExpiresAt).toBe(SANDBOX_START + HOUR_MS);
    expect(tokens.refreshTokenExpiresAt).toBe(SANDBOX_START + 24 * HOUR_MS);
  });

  it('rejects a wrong password', async () => {
    const error = await captureBmsError(() => login(SANDBOX_USERS.jane.userName, { password: 'wrong' }));
    expect(error.kind).toBe('bad_credentials');
    expect(error.bmsCode).toBe(AUTH_ERROR_CODES.badCredentials);
    expect(error.bmsMessage).toBe(AUTH_MESSAGES.badCredentials);
  });

  it('rejects an unknown tenant', async () => {
    const error = await captureBmsError(() => login(SANDBOX_USERS.jane.userName, { tenant: 'elsewhere' }));
    expect(error.kind).toBe('bad_credentials');
  });

  it('asks for a missing MFA code', async () => {
    const error = await captureBmsError(() => login(SANDBOX_USERS.mfa.userName));
    expect(error.kind).toBe('mfa_required');
    expect(error.bmsMessage).toBe(AUTH_MESSAGES.mfaRequired);
  });

  it('rejects a wrong MFA code', async () => {
    const error = await captureBmsError(() =>
      login(SANDBOX_USERS.mfa.userName, { mfaCode: SANDBOX_WRONG_MFA_CODE }),
    );
    expect(error.kind).toBe('mfa_invalid');
  });

  it('accepts a valid MFA code', async () => {
    const tokens = await login(SANDBOX_USERS.mfa.userName, { mfaCode: SANDBOX_MFA_CODE });
    const user = await test.client.withToken(tokens.accessToken).getUserInfo();
    expect(user.UserId).toBe(SANDBOX_USERS.mfa.userId);
  });

  it('reports a locked account', async () => {
    const error = await captureBmsError(() => login(SANDBOX_USERS.locked.userName));
    expect(error.kind).toBe('account_locked');
    expect(error.bmsCode).toBe(AUTH_ERROR_CODES.accountLocked);
  });
});

describe('tokens against the sandbox', () => {
  it('reads user info', async () => {
    const tokens = await login(SANDBOX_USERS.jane.userName);
    const user = await test.client.withToken(tokens.accessToken).getUserInfo();
    expect(user.UserId).toBe(SANDBOX_USERS.jane.userId);
    expect(user.FullName).toBe(SANDBOX_USERS.jane.fullName);
    expect(user.EmailAddress).toBe(SANDBOX_USERS.jane.email);
    expect(user.OlsonTimeZoneName).toBeTypeOf('string');
  });

  it('refreshes to a new token set', async () => {
    const first = await login(SANDBOX_USERS.jane.userName);
    const second = await test.client.refreshToken(first);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const user = await test.client.withToken(second.accessToken).getUserInfo();
    expect(user.UserId).toBe(SANDBOX_USERS.jane.userId);
  });

  it('rejects a used refresh token', async () => {
    const first = await login(SANDBOX_USERS.jane.userName);
    await test.client.refreshToken(first);
    const error = await captureBmsError(() => test.client.refreshToken(first));
    expect(error.kind).toBe('token_expired');
    expect(error.bmsCode).toBe(AUTH_ERROR_CODES.refreshTokenInvalid);
  });

  it('reports an expired access token', async () => {
    const tokens = await login(SANDBOX_USERS.jane.userName);
    await control(fixture.sandbox, 'POST', 'clock', { advanceSeconds: 2 * 3600 });
    const error = await captureBmsError(() => test.client.withToken(tokens.accessToken).getUserInfo());
    expect(error.kind).toBe('token_expired');
    expect(error.status).toBe(401);
  });

  it('reports a revoked access token', async () => {
    const tokens = await login(SANDBOX_USERS.jane.userName);
    await control(fixture.sandbox, 'POST', 'revoke', { userName: SANDBOX_USERS.jane.userName });
    const error = await captureBmsError(() => test.client.withToken(tokens.accessToken).getTicket(10001));
    expect(error.kind).toBe('token_expired');
    const refreshError = await captureBmsError(() => test.client.refreshToken(tokens));
    expect(refreshError.kind).toBe('token_expired');
  });

  it('reports an unknown access token', async () => {
    const error = await captureBmsError(() => test.client.withToken('not-a-token').lookupStatuses());
    expect(error.kind).toBe('token_expired');
  });
});
