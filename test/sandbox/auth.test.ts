import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import {
  AUTH_ERROR_CODES,
  AUTH_MESSAGES,
  isValidSandboxMfaCode,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { accessTokenFor, bmsCaller, control, login, readEnvelope, refresh } from './helpers.ts';

const clock = createManualClock();
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandbox({ clock, accounts: 50, tickets: 100 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

describe('authenticate', () => {
  it('plain user gets tokens', async () => {
    const response = await login(sandbox.url);
    expect(response.status).toBe(200);
    expect(response.body.Success).toBe(true);
    expect(response.body.Error).toBeNull();
    expect(response.body.Result.AccessToken).toMatch(/^[\w-]{20,}$/);
    expect(response.body.Result.RefreshToken).not.toBe(response.body.Result.AccessToken);
    expect(Date.parse(response.body.Result.AccessTokenExpireOn)).toBe(clock() + 3600_000);
    expect(Date.parse(response.body.Result.RefreshTokenExpireOn)).toBe(clock() + 86_400_000);
  });

  it('wrong password is 40101', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.jane, { Password: 'nope' });
    expect(response.status).toBe(200);
    expect(response.body.Success).toBe(false);
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.badCredentials);
    expect(response.body.Error?.Message).toBe(AUTH_MESSAGES.badCredentials);
  });

  it('wrong tenant is 40101', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.jane, { Tenant: 'other' });
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.badCredentials);
  });

  it('tenant and user name ignore case', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.jane, {
      Tenant: 'SandBox',
      UserName: 'Jane.Doe',
    });
    expect(response.body.Success).toBe(true);
  });

  it('MFA user without code is 40102', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.mfa);
    expect(response.status).toBe(200);
    expect(response.body.Success).toBe(false);
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.mfaRequired);
    expect(response.body.Error?.Message).toMatch(/MFA/);
  });

  it('MFA user with wrong code is 40103', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.mfa, { MFACode: SANDBOX_WRONG_MFA_CODE });
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.mfaInvalid);
    expect(response.body.Error?.Message).toMatch(/MFA code is invalid/);
  });

  it('MFA user with valid code gets tokens', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.mfa, { MFACode: SANDBOX_MFA_CODE });
    expect(response.body.Success).toBe(true);
    expect(response.body.Result.AccessToken).toBeTruthy();
  });

  it('MFA user with wrong password is 40101', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.mfa, {
      Password: 'nope',
      MFACode: SANDBOX_MFA_CODE,
    });
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.badCredentials);
  });

  it('locked user is 40104', async () => {
    const response = await login(sandbox.url, SANDBOX_USERS.locked);
    expect(response.status).toBe(200);
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.accountLocked);
    expect(response.body.Error?.Message).toBe(AUTH_MESSAGES.accountLocked);
  });

  it('JSON body is 415', async () => {
    const response = await fetch(`${sandbox.url}/v2/security/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        GrantType: 'password',
        UserName: SANDBOX_USERS.jane.userName,
        Password: SANDBOX_PASSWORD,
        Tenant: SANDBOX_TENANT,
      }),
    });
    const { status, body } = await readEnvelope(response);
    expect(status).toBe(415);
    expect(body.Success).toBe(false);
    expect(body.Error?.Message).toMatch(/multipart\/form-data/);
  });

  it('missing GrantType is 400', async () => {
    const form = new FormData();
    form.set('UserName', SANDBOX_USERS.jane.userName);
    const response = await readEnvelope(
      await fetch(`${sandbox.url}/v2/security/authenticate`, { method: 'POST', body: form }),
    );
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors).toEqual([
      { Field: 'GrantType', Message: 'GrantType is required.' },
    ]);
  });

  it('URL-encoded form is accepted', async () => {
    const body = new URLSearchParams({
      GrantType: 'password',
      UserName: SANDBOX_USERS.jane.userName,
      Password: SANDBOX_PASSWORD,
      Tenant: SANDBOX_TENANT,
    });
    const response = await readEnvelope(
      await fetch(`${sandbox.url}/v2/security/authenticate`, { method: 'POST', body }),
    );
    expect(response.body.Success).toBe(true);
  });
});

describe('MFA rule', () => {
  it('accepts six digits summing to 21', () => {
    expect(isValidSandboxMfaCode('123456')).toBe(true);
    expect(isValidSandboxMfaCode('654321')).toBe(true);
    expect(isValidSandboxMfaCode('993000')).toBe(true);
  });

  it('rejects other codes', () => {
    expect(isValidSandboxMfaCode('111111')).toBe(false);
    expect(isValidSandboxMfaCode('12345')).toBe(false);
    expect(isValidSandboxMfaCode('1234567')).toBe(false);
    expect(isValidSandboxMfaCode('12345a')).toBe(false);
  });
});

describe('bearer token', () => {
  it('missing header is 401', async () => {
    const { status, body, headers } = await readEnvelope(await fetch(`${sandbox.url}/v2/security/userinfo`));
    expect(status).toBe(401);
    expect(body.Success).toBe(false);
    expect(body.Error?.Code).toBe(401);
    expect(body.Error?.Message).toBe('Authorization has been denied for this request.');
    expect(headers.get('www-authenticate')).toBe('Bearer');
  });

  it('unknown token is 401', async () => {
    const response = await bmsCaller(sandbox.url, 'not-a-token').get('/v2/security/userinfo');
    expect(response.status).toBe(401);
  });

  it('userinfo names the caller', async () => {
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    const response = await caller.get('/v2/security/userinfo');
    expect(response.status).toBe(200);
    expect(response.body.Result.UserId).toBe(SANDBOX_USERS.jane.userId);
    expect(response.body.Result.FullName).toBe(SANDBOX_USERS.jane.fullName);
  });

  it('expires on the injected clock', async () => {
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    clock.advance(3599_000);
    expect((await caller.get('/v2/security/userinfo')).status).toBe(200);
    clock.advance(1000);
    expect((await caller.get('/v2/security/userinfo')).status).toBe(401);
  });

  it('expires on the control clock', async () => {
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    await control(sandbox.url, 'POST', '/clock', { advanceSeconds: 3600 });
    expect((await caller.get('/v2/security/userinfo')).status).toBe(401);
  });

  it('revocation ends access', async () => {
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    const otherLogin = await login(sandbox.url, SANDBOX_USERS.mfa, { MFACode: SANDBOX_MFA_CODE });
    const other = bmsCaller(sandbox.url, otherLogin.body.Result.AccessToken);
    await control(sandbox.url, 'POST', '/revoke', { userName: SANDBOX_USERS.jane.userName });
    expect((await caller.get('/v2/security/userinfo')).status).toBe(401);
    expect((await other.get('/v2/security/userinfo')).status).toBe(200);
  });
});

describe('refreshtoken', () => {
  it('gives a new pair once', async () => {
    const first = (await login(sandbox.url)).body.Result;
    const second = await refresh(sandbox.url, first.AccessToken, first.RefreshToken);
    expect(second.body.Success).toBe(true);
    expect(second.body.Result.RefreshToken).not.toBe(first.RefreshToken);
    expect(second.body.Result.AccessToken).not.toBe(first.AccessToken);
    const userinfo = await bmsCaller(sandbox.url, second.body.Result.AccessToken).get(
      '/v2/security/userinfo',
    );
    expect(userinfo.status).toBe(200);

    const reused = await refresh(sandbox.url, first.AccessToken, first.RefreshToken);
    expect(reused.status).toBe(200);
    expect(reused.body.Success).toBe(false);
    expect(reused.body.Error?.Code).toBe(AUTH_ERROR_CODES.refreshTokenInvalid);
    expect(reused.body.Error?.Message).toBe(AUTH_MESSAGES.refreshTokenInvalid);
  });

  it('works after access expiry', async () => {
    const first = (await login(sandbox.url)).body.Result;
    clock.advance(2 * 3600_000);
    const second = await refresh(sandbox.url, first.AccessToken, first.RefreshToken);
    expect(second.body.Success).toBe(true);
  });

  it('refuses an expired refresh token', async () => {
    const first = (await login(sandbox.url)).body.Result;
    clock.advance(86_400_000);
    const second = await refresh(sandbox.url, first.AccessToken, first.RefreshToken);
    expect(second.body.Error?.Code).toBe(AUTH_ERROR_CODES.refreshTokenInvalid);
  });

  it('refuses a foreign access token', async () => {
    const first = (await login(sandbox.url)).body.Result;
    const other = (await login(sandbox.url)).body.Result;
    const response = await refresh(sandbox.url, other.AccessToken, first.RefreshToken);
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.refreshTokenInvalid);
  });

  it('refuses after revocation', async () => {
    const first = (await login(sandbox.url)).body.Result;
    await control(sandbox.url, 'POST', '/revoke', { userName: SANDBOX_USERS.jane.userName });
    const response = await refresh(sandbox.url, first.AccessToken, first.RefreshToken);
    expect(response.body.Error?.Code).toBe(AUTH_ERROR_CODES.refreshTokenInvalid);
  });

  it('reset forgets tokens', async () => {
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    sandbox.reset();
    expect((await caller.get('/v2/security/userinfo')).status).toBe(401);
  });
});
