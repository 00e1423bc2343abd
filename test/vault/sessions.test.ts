import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BmsError } from '../../src/bms/index.ts';
import {
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import { createKeyRing } from '../../src/vault/crypto.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { SessionError } from '../../src/vault/session-error.ts';
import { createVault } from '../../src/vault/vault.ts';
import { AUTHENTICATE, type Instance, REFRESH, type SessionHarness, startSessionHarness } from './harness.ts';

const JANE: SlackIdentity = { teamId: 'T0001', userId: 'U0JANE' };
const MAX: SlackIdentity = { enterpriseId: 'E0001', teamId: 'T0001', userId: 'U0MAX' };

const janeLogin = (rememberPassword: boolean) => ({
  tenant: SANDBOX_TENANT,
  userName: SANDBOX_USERS.jane.userName,
  password: SANDBOX_PASSWORD,
  rememberPassword,
});
const maxLogin = (rememberPassword: boolean) => ({
  tenant: SANDBOX_TENANT,
  userName: SANDBOX_USERS.mfa.userName,
  password: SANDBOX_PASSWORD,
  rememberPassword,
});

/** Access tokens live 3600 s in the sandbox; this leaves 30 s, inside the 60 s refresh margin. */
const NEAR_EXPIRY_SECONDS = 3600 - 30;
/** Refresh tokens live 86400 s in the sandbox. */
const PAST_REFRESH_EXPIRY_SECONDS = 86_400 + 60;

async function sessionFailure(promise: Promise<unknown>): Promise<SessionError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (error instanceof SessionError) return error;
  throw new Error(`expected a SessionError, got ${String(error)}`);
}

async function bmsFailure(promise: Promise<unknown>): Promise<BmsError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (error instanceof BmsError) return error;
  throw new Error(`expected a BmsError, got ${String(error)}`);
}

describe('session manager', () => {
  let harness: SessionHarness;
  let app: Instance;

  beforeEach(async () => {
    harness = await startSessionHarness();
    app = await harness.openInstance();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('login saves the session', async () => {
    const status = await app.sessions.login(JANE, janeLogin(false));
    expect(status).toEqual({
      tenant: SANDBOX_TENANT,
      userName: SANDBOX_USERS.jane.userName,
      bmsUserId: SANDBOX_USERS.jane.userId,
      bmsUserName: SANDBOX_USERS.jane.fullName,
      accessTokenExpiresAt: harness.clock() + 3600 * 1000,
      refreshTokenExpiresAt: harness.clock() + 86_400 * 1000,
      passwordRemembered: false,
    });
    expect(await app.sessions.status(JANE)).toEqual(status);

    const record = await app.vault.get(JANE);
    expect(record?.bmsUserId).toBe(SANDBOX_USERS.jane.userId);
    expect(record?.password).toBeUndefined();
  });

  it('login remembers password on request', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    expect((await app.sessions.status(JANE))?.passwordRemembered).toBe(true);
    expect((await app.vault.get(JANE))?.password).toBe(SANDBOX_PASSWORD);
  });

  it.each([
    ['bad_credentials', { ...janeLogin(false), password: 'wrong' }],
    ['account_locked', { ...janeLogin(false), userName: SANDBOX_USERS.locked.userName }],
    ['mfa_required', maxLogin(false)],
    ['mfa_invalid', { ...maxLogin(false), mfaCode: SANDBOX_WRONG_MFA_CODE }],
  ])('login passes %s through', async (kind, request) => {
    const error = await bmsFailure(app.sessions.login(JANE, request));
    expect(error.kind).toBe(kind);
    expect(await app.sessions.status(JANE)).toBeUndefined();
  });

  it('fresh token without refresh', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    const stored = (await app.vault.get(JANE))?.accessToken;
    await harness.advance(60 * 30);

    expect(await app.sessions.accessToken(JANE)).toBe(stored);
    expect((await harness.stats())[REFRESH]).toBeUndefined();
  });

  it('refresh near expiry', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    const before = await app.vault.get(JANE);
    await harness.advance(NEAR_EXPIRY_SECONDS);

    const token = await app.sessions.accessToken(JANE);
    expect(token).not.toBe(before?.accessToken);
    expect((await harness.stats())[REFRESH]).toBe(1);

    const after = await app.vault.get(JANE);
    expect(after?.accessToken).toBe(token);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    const user = await harness.client.withToken(token).getUserInfo();
    expect(user.UserId).toBe(SANDBOX_USERS.jane.userId);
  });

  it('50 concurrent callers one refresh', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    await harness.advance(NEAR_EXPIRY_SECONDS);

    const tokens = await Promise.all(Array.from({ length: 50 }, () => app.sessions.accessToken(JANE)));
    expect(new Set(tokens).size).toBe(1);
    expect((await harness.stats())[REFRESH]).toBe(1);
    // The callers shared one in-process renewal, which took one store claim.
    expect(app.claims).toBe(1);
    expect(await app.sessions.accessToken(JANE)).toBe(tokens[0]);
  });

  it('two instances one refresh', async () => {
    const other = await harness.openInstance();
    await app.sessions.login(JANE, janeLogin(false));
    await harness.advance(NEAR_EXPIRY_SECONDS);

    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? app : other).sessions.accessToken(JANE)),
    );
    expect(new Set(tokens).size).toBe(1);
    expect((await harness.stats())[REFRESH]).toBe(1);
    expect((await harness.stats())[AUTHENTICATE]).toBe(1);
  });

  it('re-login with remembered password', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    await harness.advance(PAST_REFRESH_EXPIRY_SECONDS);

    const token = await app.sessions.accessToken(JANE);
    const stats = await harness.stats();
    expect(stats[AUTHENTICATE]).toBe(2);
    expect(stats[REFRESH]).toBeUndefined();
    expect((await harness.client.withToken(token).getUserInfo()).UserId).toBe(SANDBOX_USERS.jane.userId);
    expect((await app.sessions.status(JANE))?.passwordRemembered).toBe(true);
  });

  it('needs_login when refresh expired', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    await harness.advance(PAST_REFRESH_EXPIRY_SECONDS);

    const error = await sessionFailure(app.sessions.accessToken(JANE));
    expect(error.kind).toBe('needs_login');
    expect(error.reason).toBe('no_password');
    expect(error.tenant).toBe(SANDBOX_TENANT);
    expect(error.userName).toBe(SANDBOX_USERS.jane.userName);
  });

  it('activeStatus reads the vault once', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    const reads = vi.spyOn(app.vault, 'get');

    const status = await app.sessions.activeStatus(JANE);
    expect(status.bmsUserId).toBe(SANDBOX_USERS.jane.userId);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('activeStatus refreshes near expiry', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    const before = await app.sessions.status(JANE);
    await harness.advance(NEAR_EXPIRY_SECONDS);

    const status = await app.sessions.activeStatus(JANE);
    expect(status.accessTokenExpiresAt).toBeGreaterThan(before?.accessTokenExpiresAt ?? Infinity);
    expect((await harness.stats())[REFRESH]).toBe(1);
    expect(JSON.stringify(status)).not.toContain((await app.vault.get(JANE))?.accessToken);
  });

  it('activeStatus needs_login without record', async () => {
    const error = await sessionFailure(app.sessions.activeStatus(JANE));
    expect(error.kind).toBe('needs_login');
    expect(error.reason).toBe('no_session');
  });

  it('needs_login without record', async () => {
    const error = await sessionFailure(app.sessions.accessToken(JANE));
    expect(error.kind).toBe('needs_login');
    expect(error.reason).toBe('no_session');
    expect(await app.sessions.status(JANE)).toBeUndefined();
  });

  it('needs_login when record unreadable', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    // The same store read with another vault key, as after BMS_VAULT_KEY changed without BMS_VAULT_OLD_KEYS.
    const otherVault = createVault({
      store: app.store,
      keyRing: createKeyRing(randomBytes(32)),
      clock: harness.clock,
    });
    const { createSessionManager } = await import('../../src/vault/sessions.ts');
    const sessions = createSessionManager({
      vault: otherVault,
      client: harness.client,
      store: app.store,
      logger: harness.logger,
      clock: harness.clock,
    });
    const error = await sessionFailure(sessions.accessToken(JANE));
    expect(error.kind).toBe('needs_login');
    expect(harness.logger.lines.some((line) => line.includes('Vault record cannot be opened'))).toBe(true);
  });

  it('remembered password rejected is forgotten', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    const record = await app.vault.get(JANE);
    if (!record) throw new Error('no record after login');
    await app.vault.put(JANE, { ...record, password: 'changed-at-bms' });
    await harness.advance(PAST_REFRESH_EXPIRY_SECONDS);

    const error = await sessionFailure(app.sessions.accessToken(JANE));
    expect(error.kind).toBe('needs_login');
    expect(error.reason).toBe('password_rejected');
    expect((await app.sessions.status(JANE))?.passwordRemembered).toBe(false);
  });

  it('mfa login completes with code', async () => {
    const required = await bmsFailure(app.sessions.login(MAX, maxLogin(false)));
    expect(required.kind).toBe('mfa_required');

    const wrong = await bmsFailure(app.sessions.completeMfa(MAX, SANDBOX_WRONG_MFA_CODE));
    expect(wrong.kind).toBe('mfa_invalid');

    const status = await app.sessions.completeMfa(MAX, SANDBOX_MFA_CODE);
    expect(status.bmsUserName).toBe(SANDBOX_USERS.mfa.fullName);
    expect(status.passwordRemembered).toBe(false);
    expect(await app.vault.heldLogin(MAX)).toBeUndefined();
  });

  it('mfa code on another instance', async () => {
    const other = await harness.openInstance();
    await bmsFailure(app.sessions.login(MAX, maxLogin(true)));
    const status = await other.sessions.completeMfa(MAX, SANDBOX_MFA_CODE);
    expect(status.passwordRemembered).toBe(true);
  });

  it('needs_mfa on re-login', async () => {
    await bmsFailure(app.sessions.login(MAX, maxLogin(true)));
    await app.sessions.completeMfa(MAX, SANDBOX_MFA_CODE);
    await harness.advance(PAST_REFRESH_EXPIRY_SECONDS);

    const error = await sessionFailure(app.sessions.accessToken(MAX));
    expect(error.kind).toBe('needs_mfa');
    expect(error.userName).toBe(SANDBOX_USERS.mfa.userName);

    await app.sessions.completeMfa(MAX, '654321');
    const token = await app.sessions.accessToken(MAX);
    expect((await harness.client.withToken(token).getUserInfo()).UserId).toBe(SANDBOX_USERS.mfa.userId);
  });

  it('completeMfa without pending login', async () => {
    const error = await sessionFailure(app.sessions.completeMfa(MAX, SANDBOX_MFA_CODE));
    expect(error.kind).toBe('needs_login');
  });

  it('forceRefresh replaces the token', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    const before = await app.sessions.accessToken(JANE);
    const after = await app.sessions.forceRefresh(JANE);
    expect(after).not.toBe(before);
    expect((await harness.stats())[REFRESH]).toBe(1);
  });

  it('withSession retries after revocation', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    await app.sessions.accessToken(JANE);
    await harness.control('revoke', { userName: SANDBOX_USERS.jane.userName });

    let calls = 0;
    const user = await app.sessions.withSession(JANE, (api) => {
      calls += 1;
      return api.getUserInfo();
    });
    expect(user.UserId).toBe(SANDBOX_USERS.jane.userId);
    expect(calls).toBe(2);
    // The revoked refresh token is refused, so the manager logs in again with the remembered password.
    expect((await harness.stats())[AUTHENTICATE]).toBe(2);
  });

  it('withSession needs_login after revocation', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    await harness.control('revoke', { userName: SANDBOX_USERS.jane.userName });

    const error = await sessionFailure(app.sessions.withSession(JANE, (api) => api.getUserInfo()));
    expect(error.kind).toBe('needs_login');
  });

  it('withSession passes other errors', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    let calls = 0;
    const error = await bmsFailure(
      app.sessions.withSession(JANE, (api) => {
        calls += 1;
        return api.getTicket(1);
      }),
    );
    expect(error.kind).toBe('not_found');
    expect(calls).toBe(1);
  });

  it('api uses a fresh token', async () => {
    await app.sessions.login(JANE, janeLogin(false));
    await harness.advance(NEAR_EXPIRY_SECONDS);
    const api = await app.sessions.api(JANE);
    expect((await api.getUserInfo()).UserId).toBe(SANDBOX_USERS.jane.userId);
    expect((await harness.stats())[REFRESH]).toBe(1);
  });

  it('logout forgets everything', async () => {
    await app.sessions.login(JANE, janeLogin(true));
    await bmsFailure(app.sessions.login(MAX, maxLogin(true)));
    await app.sessions.logout(JANE);
    await app.sessions.logout(MAX);

    expect(await app.sessions.status(JANE)).toBeUndefined();
    expect(await app.vault.get(JANE)).toBeUndefined();
    expect(await app.vault.heldLogin(MAX)).toBeUndefined();
    expect((await sessionFailure(app.sessions.accessToken(JANE))).kind).toBe('needs_login');
  });
});
