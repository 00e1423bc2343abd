import { isBmsError } from '../bms/errors.ts';
import type { LoginInput, TokenSet } from '../bms/index.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store.ts';
import { VaultDecryptError } from './crypto.ts';
import { identityFields, identityKey, type SlackIdentity } from './identity.ts';
import { SessionError } from './session-error.ts';
import type { Vault, VaultRecord } from './vault.ts';

/**
 * The session manager turns a Slack identity into a valid BMS access token. It refreshes tokens
 * shortly before they expire, with one refresh per identity at a time across all instances
 * (refresh tokens are single-use), and logs in again with a remembered password when the refresh
 * token has run out. When only the user can help, it throws a SessionError.
 */

/** The BMS API call the session manager makes: the token owner's details. */
export interface SessionApi {
  getUserInfo(): Promise<{ UserId: number; FullName?: string | null }>;
}

/** The part of the BMS client the session manager uses; the real BmsClient satisfies it. */
export interface SessionClient<Api extends SessionApi> {
  authenticate(input: LoginInput): Promise<TokenSet>;
  refreshToken(tokens: { accessToken: string; refreshToken: string }): Promise<TokenSet>;
  withToken(accessToken: string): Api;
}

export interface LoginRequest {
  tenant: string;
  userName: string;
  password: string;
  mfaCode?: string;
  /** Keep the password (sealed in the vault) to log in again when the refresh token runs out. */
  rememberPassword: boolean;
}

/** A session as the user may see it: no password, code or token. */
export interface SessionStatus {
  tenant: string;
  userName: string;
  bmsUserId: number;
  bmsUserName: string;
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number;
  passwordRemembered: boolean;
}

export interface SessionManagerOptions<Api extends SessionApi> {
  vault: Vault;
  client: SessionClient<Api>;
  store: Pick<Store, 'claim' | 'release'>;
  logger: Logger;
  clock?: Clock;
  /** Refresh when the access token expires within this many ms. Default 60000. */
  refreshMarginMs?: number;
  /** Lifetime of the store claim that guards one refresh; longer than a BMS request may take. Default 30000. */
  refreshClaimTtlMs?: number;
  /** While another instance refreshes: how often to re-read the record, and how many times. Default 250 ms, 160 times. */
  refreshWait?: { intervalMs?: number; attempts?: number };
  /** Waits between those reads; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a login that waits for its MFA code keeps its password. Default 10 minutes. */
  heldLoginTtlMs?: number;
}

export interface SessionManager<Api extends SessionApi> {
  /** Logs in and saves the session. BmsError kinds bad_credentials, mfa_required, mfa_invalid and account_locked pass through. */
  login(identity: SlackIdentity, request: LoginRequest): Promise<SessionStatus>;
  /** Finishes a login that failed with mfa_required, or a re-login that threw needs_mfa. */
  completeMfa(identity: SlackIdentity, mfaCode: string): Promise<SessionStatus>;
  /** A valid access token, refreshed or re-logged-in as needed; throws SessionError when the user must act. */
  accessToken(identity: SlackIdentity): Promise<string>;
  /**
   * Like accessToken, but returns the status of the session it made sure of. It reads the vault
   * once, where accessToken followed by status reads and decrypts the same record twice.
   */
  activeStatus(identity: SlackIdentity): Promise<SessionStatus>;
  /** Refreshes now, whatever the expiry; returns the new access token. */
  forceRefresh(identity: SlackIdentity): Promise<string>;
  status(identity: SlackIdentity): Promise<SessionStatus | undefined>;
  /** Forgets the session, the remembered password and any login waiting for its MFA code. */
  logout(identity: SlackIdentity): Promise<void>;
  /** The BMS API as this user. */
  api(identity: SlackIdentity): Promise<Api>;
  /**
   * Runs `fn` as this user. When BMS rejects the access token with HTTP 401 (revoked mid-flow),
   * refreshes and runs `fn` once more. A 401 means BMS rejected the request before doing anything,
   * so a write is safe to repeat only when it is the call that got the 401. Because `fn` runs again
   * from the start, give it at most one write, as its last BMS call, or only reads.
   */
  withSession<Result>(identity: SlackIdentity, fn: (api: Api) => Promise<Result>): Promise<Result>;
}

const DEFAULT_REFRESH_MARGIN_MS = 60_000;
const DEFAULT_REFRESH_CLAIM_TTL_MS = 30_000;
const DEFAULT_WAIT_INTERVAL_MS = 250;
/** 160 × 250 ms = 40 s: past the claim lifetime, so a crashed refresher's claim lapses within the wait. */
const DEFAULT_WAIT_ATTEMPTS = 160;
const DEFAULT_HELD_LOGIN_TTL_MS = 10 * 60_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Renewal {
  /** Refresh whatever the expiry (forceRefresh). */
  force: boolean;
  /** The access token BMS just rejected: renew unless the record already contains another one. */
  rejectedAccessToken?: string;
}

export function createSessionManager<Api extends SessionApi>(
  options: SessionManagerOptions<Api>,
): SessionManager<Api> {
  const { vault, client, store, logger } = options;
  const clock = options.clock ?? systemClock;
  const refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const claimTtlMs = options.refreshClaimTtlMs ?? DEFAULT_REFRESH_CLAIM_TTL_MS;
  const waitIntervalMs = options.refreshWait?.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
  const waitAttempts = options.refreshWait?.attempts ?? DEFAULT_WAIT_ATTEMPTS;
  const sleep = options.sleep ?? realSleep;
  const heldLoginTtlMs = options.heldLoginTtlMs ?? DEFAULT_HELD_LOGIN_TTL_MS;

  /** One renewal promise per identity key: concurrent callers in this process share it. */
  const renewals = new Map<string, Promise<VaultRecord>>();

  const isFresh = (record: VaultRecord) => record.accessTokenExpiresAt - clock() > refreshMarginMs;

  const toStatus = (record: VaultRecord): SessionStatus => ({
    tenant: record.tenant,
    userName: record.userName,
    bmsUserId: record.bmsUserId,
    bmsUserName: record.bmsUserName,
    accessTokenExpiresAt: record.accessTokenExpiresAt,
    refreshTokenExpiresAt: record.refreshTokenExpiresAt,
    passwordRemembered: record.password !== undefined,
  });

  /** Reads the record; an unreadable one (vault key changed) counts as no session. */
  async function readRecord(identity: SlackIdentity): Promise<VaultRecord | undefined> {
    try {
      return await vault.get(identity);
    } catch (error) {
      if (!(error instanceof VaultDecryptError)) throw error;
      logger.warn('Vault record cannot be opened; the user must log in again', {
        ...identityFields(identity),
        kid: error.kid,
        reason: error.reason,
      });
      return undefined;
    }
  }

  async function requireRecord(identity: SlackIdentity): Promise<VaultRecord> {
    const record = await readRecord(identity);
    if (!record) {
      throw new SessionError('needs_login', 'No BMS session for this Slack user; log in first.', {
        reason: 'no_session',
      });
    }
    return record;
  }

  /** Logs in, fetches who the token belongs to, and saves the session. */
  async function logIn(identity: SlackIdentity, request: LoginRequest): Promise<VaultRecord> {
    const tokens = await client.authenticate({
      tenant: request.tenant,
      userName: request.userName,
      password: request.password,
      mfaCode: request.mfaCode,
    });
    const user = await client.withToken(tokens.accessToken).getUserInfo();
    const record: VaultRecord = {
      tenant: request.tenant,
      userName: request.userName,
      bmsUserId: user.UserId,
      bmsUserName: user.FullName || request.userName,
      ...tokens,
      password: request.rememberPassword ? request.password : undefined,
      updatedAt: clock(),
    };
    await vault.put(identity, record);
    return record;
  }

  /**
   * Logs in again with the remembered password after the refresh token ran out or was rejected.
   * A password BMS rejects is forgotten at once, so that retries cannot lock the account.
   */
  async function logInAgain(identity: SlackIdentity, record: VaultRecord): Promise<VaultRecord> {
    const who = { tenant: record.tenant, userName: record.userName };
    if (record.password === undefined) {
      throw new SessionError(
        'needs_login',
        'The BMS session ended and no password is remembered; log in again.',
        {
          ...who,
          reason: 'no_password',
        },
      );
    }
    try {
      const renewed = await logIn(identity, { ...who, password: record.password, rememberPassword: true });
      logger.info('BMS session renewed with the remembered password', identityFields(identity));
      return renewed;
    } catch (error) {
      if (isBmsError(error, 'mfa_required')) {
        throw new SessionError('needs_mfa', 'BMS needs an MFA code to renew the session.', {
          ...who,
          reason: 'mfa_required',
        });
      }
      if (isBmsError(error, 'bad_credentials')) {
        await vault.put(identity, { ...record, password: undefined, updatedAt: clock() });
        logger.warn('BMS rejected the remembered password; it was forgotten', identityFields(identity));
        throw new SessionError('needs_login', 'BMS rejected the remembered password; log in again.', {
          ...who,
          reason: 'password_rejected',
        });
      }
      throw error;
    }
  }

  /** Trades the refresh token for new tokens, or logs in again when the refresh token is spent. */
  async function refresh(identity: SlackIdentity, record: VaultRecord): Promise<VaultRecord> {
    if (record.refreshTokenExpiresAt <= clock()) return logInAgain(identity, record);
    try {
      const tokens = await client.refreshToken({
        accessToken: record.accessToken,
        refreshToken: record.refreshToken,
      });
      const renewed: VaultRecord = { ...record, ...tokens, updatedAt: clock() };
      await vault.put(identity, renewed);
      logger.info('BMS access token refreshed', identityFields(identity));
      return renewed;
    } catch (error) {
      if (!isBmsError(error, 'token_expired')) throw error;
      logger.info('BMS rejected the refresh token; logging in again', identityFields(identity));
      return logInAgain(identity, record);
    }
  }

  /** Whether `record` already gives what the renewal is for. */
  function satisfies(record: VaultRecord, renewal: Renewal): boolean {
    if (renewal.rejectedAccessToken !== undefined) {
      return record.accessToken !== renewal.rejectedAccessToken && isFresh(record);
    }
    return !renewal.force && isFresh(record);
  }

  /** Whether another caller renewed the session since `seen` was read, or `current` suffices anyway. */
  function renewedMeanwhile(current: VaultRecord, seen: VaultRecord, renewal: Renewal): boolean {
    return (current.accessToken !== seen.accessToken && isFresh(current)) || satisfies(current, renewal);
  }

  /**
   * Renews the session under a store claim, so that two instances never present the same refresh
   * token. The loser of the claim re-reads the record until the winner has saved new tokens, or
   * until the winner's claim lapses and it can claim in turn.
   */
  async function renewAcrossInstances(identity: SlackIdentity, renewal: Renewal): Promise<VaultRecord> {
    const claimKey = `session-refresh:${identityKey(identity)}`;
    const seen = await requireRecord(identity);
    if (satisfies(seen, renewal)) return seen;

    for (let attempt = 0; !(await store.claim(claimKey, claimTtlMs)); attempt++) {
      if (attempt >= waitAttempts) {
        throw new SessionError(
          'busy',
          'Another instance is still renewing this BMS session; try again shortly.',
          {
            tenant: seen.tenant,
            userName: seen.userName,
          },
        );
      }
      await sleep(waitIntervalMs);
      const current = await requireRecord(identity);
      if (renewedMeanwhile(current, seen, renewal)) return current;
    }

    try {
      // Another instance may have finished between our read and our claim.
      const current = await requireRecord(identity);
      if (renewedMeanwhile(current, seen, renewal)) return current;
      return await refresh(identity, current);
    } finally {
      await store.release(claimKey);
    }
  }

  /**
   * Joins the renewal already running in this process for the identity, or starts one. A caller
   * whose token BMS rejected starts another renewal when the joined one kept that same token.
   */
  function renew(identity: SlackIdentity, renewal: Renewal): Promise<VaultRecord> {
    const key = identityKey(identity);
    const running = renewals.get(key);
    if (running) {
      return running.then((record) =>
        record.accessToken === renewal.rejectedAccessToken ? renew(identity, renewal) : record,
      );
    }
    const started = renewAcrossInstances(identity, renewal).finally(() => renewals.delete(key));
    renewals.set(key, started);
    return started;
  }

  /** Returns the user's record with a fresh access token, renewing it first when needed. */
  async function freshRecord(identity: SlackIdentity): Promise<VaultRecord> {
    if (!renewals.has(identityKey(identity))) {
      const record = await requireRecord(identity);
      if (isFresh(record)) return record;
    }
    return renew(identity, { force: false });
  }

  async function accessToken(identity: SlackIdentity): Promise<string> {
    return (await freshRecord(identity)).accessToken;
  }

  return {
    async login(identity, request) {
      await vault.dropHeldLogin(identity);
      try {
        const record = await logIn(identity, request);
        logger.info('BMS login succeeded', identityFields(identity));
        return toStatus(record);
      } catch (error) {
        if (isBmsError(error, 'mfa_required')) {
          const { tenant, userName, password, rememberPassword } = request;
          await vault.holdLogin(identity, { tenant, userName, password, rememberPassword }, heldLoginTtlMs);
        }
        if (isBmsError(error))
          logger.info('BMS login failed', { ...identityFields(identity), kind: error.kind });
        throw error;
      }
    },

    async completeMfa(identity, mfaCode) {
      // The password comes from a login that is waiting for its code, or else from the vault record.
      const held = await vault.heldLogin(identity);
      const record = held ? undefined : await readRecord(identity);
      let login: LoginRequest;
      if (held) {
        const { tenant, userName, password, rememberPassword } = held;
        login = { tenant, userName, password, mfaCode, rememberPassword };
      } else if (record?.password !== undefined) {
        const { tenant, userName, password } = record;
        login = { tenant, userName, password, mfaCode, rememberPassword: true };
      } else {
        throw new SessionError('needs_login', 'No login is waiting for an MFA code; log in again.', {
          tenant: record?.tenant,
          userName: record?.userName,
          reason: record ? 'no_password' : 'no_session',
        });
      }

      try {
        const renewed = await logIn(identity, login);
        await vault.dropHeldLogin(identity);
        logger.info('BMS login with MFA code succeeded', identityFields(identity));
        return toStatus(renewed);
      } catch (error) {
        if (isBmsError(error)) {
          logger.info('BMS login with MFA code failed', { ...identityFields(identity), kind: error.kind });
        }
        // Only a wrong code is worth another try with the same password.
        if (isBmsError(error, 'bad_credentials') || isBmsError(error, 'account_locked')) {
          await vault.dropHeldLogin(identity);
        }
        if (isBmsError(error, 'bad_credentials') && record) {
          await vault.put(identity, { ...record, password: undefined, updatedAt: clock() });
        }
        throw error;
      }
    },

    accessToken,

    async activeStatus(identity) {
      return toStatus(await freshRecord(identity));
    },

    async forceRefresh(identity) {
      return (await renew(identity, { force: true })).accessToken;
    },

    async status(identity) {
      const record = await readRecord(identity);
      return record ? toStatus(record) : undefined;
    },

    async logout(identity) {
      await vault.delete(identity);
      await vault.dropHeldLogin(identity);
      logger.info('BMS logout', identityFields(identity));
    },

    async api(identity) {
      return client.withToken(await accessToken(identity));
    },

    async withSession(identity, fn) {
      const token = await accessToken(identity);
      try {
        return await fn(client.withToken(token));
      } catch (error) {
        if (!isBmsError(error, 'token_expired') || error.status !== 401) throw error;
        logger.info('BMS rejected the access token; renewing and retrying once', {
          ...identityFields(identity),
          endpoint: error.endpoint,
        });
        const renewed = await renew(identity, { force: false, rejectedAccessToken: token });
        return fn(client.withToken(renewed.accessToken));
      }
    },
  };
}
