import { isBmsError } from '../bms/errors.ts';
import type { BmsApi, BmsClient, TokenSet } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { type CliSettings, requireSetting } from './environment.ts';
import { failure } from './exit-codes.ts';
import { readTokenFile, type StoredSession, writeTokenFile } from './token-file.ts';

/** Refresh when the access token expires within this many ms, so that it cannot expire mid-command. */
const REFRESH_MARGIN_MS = 60_000;

export interface CliSessionOptions {
  client: BmsClient;
  settings: CliSettings;
  clock: Clock;
  logger: Logger;
  /** Asks the person at the terminal for an MFA code; absent when no terminal is attached. */
  askMfaCode?: () => Promise<string>;
}

/**
 * The BMS session of one run of `bms`, kept in the token file between runs. It logs in with
 * BMS_PASSWORD only when there is no usable session: no token file, tokens of another user or
 * host, or a refresh token that BMS no longer takes.
 */
export interface CliSession {
  /**
   * The BMS API as the signed-in user. The first call signs in when needed. A call that BMS
   * rejects with HTTP 401 renews the session and is sent once more: BMS rejected it before doing
   * anything, so even a write is safe to repeat.
   */
  readonly api: BmsApi;
  /** A usable session, renewed or started as needed. */
  ensure(): Promise<StoredSession>;
  /** Logs in with the password now, whatever the stored tokens. */
  login(): Promise<StoredSession>;
  /** Trades the refresh token for new tokens now; logs in when BMS no longer takes it. */
  refresh(): Promise<StoredSession>;
  /** The stored session of the configured host and user, without calling BMS. */
  stored(): Promise<StoredSession | undefined>;
}

function sameName(left: string, right: string | undefined): boolean {
  return right === undefined || left.toLowerCase() === right.toLowerCase();
}

export function createCliSession(options: CliSessionOptions): CliSession {
  const { client, settings, clock, logger } = options;
  let active: Promise<StoredSession> | undefined;

  async function stored(): Promise<StoredSession | undefined> {
    const session = await readTokenFile(settings.tokenFile);
    if (!session || session.apiBase !== settings.apiBase) return undefined;
    if (!sameName(session.tenant, settings.tenant) || !sameName(session.userName, settings.userName)) {
      return undefined;
    }
    return session;
  }

  async function save(
    identity: { tenant: string; userName: string },
    tokens: TokenSet,
    user?: { bmsUserId: number; bmsUserName: string },
  ): Promise<StoredSession> {
    const who = user ?? (await whoOwns(tokens.accessToken, identity.userName));
    const session: StoredSession = {
      apiBase: settings.apiBase,
      tenant: identity.tenant,
      userName: identity.userName,
      bmsUserId: who.bmsUserId,
      bmsUserName: who.bmsUserName,
      ...tokens,
    };
    await writeTokenFile(settings.tokenFile, session);
    return session;
  }

  async function whoOwns(accessToken: string, userName: string) {
    const user = await client.withToken(accessToken).getUserInfo();
    return { bmsUserId: user.UserId, bmsUserName: user.FullName || userName };
  }

  async function authenticate(tenant: string, userName: string, password: string): Promise<TokenSet> {
    // NOTE: BMS_MFA_CODE goes with the first attempt, which saves a round trip for MFA users. How
    // BMS treats a code sent for a user without MFA is not documented; the sandbox ignores it.
    const fromEnvironment = settings.mfaCode;
    try {
      return await client.authenticate({ tenant, userName, password, mfaCode: fromEnvironment });
    } catch (error) {
      if (isBmsError(error, 'mfa_invalid') && fromEnvironment !== undefined) {
        throw failure(
          `${error.message} The code comes from BMS_MFA_CODE: set it to the current code from your authenticator app, or unset it to be asked for the code.`,
        );
      }
      if (!isBmsError(error, 'mfa_required') || fromEnvironment !== undefined) throw error;
      if (!options.askMfaCode) {
        throw failure(
          `${error.message} No terminal is attached to ask for it: set BMS_MFA_CODE to the current code from your authenticator app, e.g. BMS_MFA_CODE=123456 bms auth login.`,
        );
      }
      const mfaCode = await options.askMfaCode();
      return client.authenticate({ tenant, userName, password, mfaCode });
    }
  }

  async function login(): Promise<StoredSession> {
    const previous = await readTokenFile(settings.tokenFile);
    // Without BMS_TENANT or BMS_USERNAME, the user of the stored session logs in again.
    const sameHost = previous?.apiBase === settings.apiBase ? previous : undefined;
    const tenant = requireSetting(settings.tenant ?? sameHost?.tenant, 'BMS_TENANT');
    const userName = requireSetting(settings.userName ?? sameHost?.userName, 'BMS_USERNAME');
    const password = requireSetting(settings.password, 'BMS_PASSWORD');
    const tokens = await authenticate(tenant, userName, password);
    logger.info('Logged in to BMS', { tenant, userName });
    return save({ tenant, userName }, tokens);
  }

  /** Refreshes the session's tokens; logs in when BMS rejects the refresh token or it has run out. */
  async function renew(session: StoredSession): Promise<StoredSession> {
    if (session.refreshTokenExpiresAt <= clock()) return login();
    try {
      const tokens = await client.refreshToken({
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
      });
      logger.info('BMS access token refreshed', { tenant: session.tenant, userName: session.userName });
      return save(session, tokens, session);
    } catch (error) {
      if (!isBmsError(error, 'token_expired')) throw error;
      logger.info('BMS rejected the refresh token; logging in again', { userName: session.userName });
      return login();
    }
  }

  async function start(): Promise<StoredSession> {
    const session = await stored();
    if (!session) return login();
    if (session.accessTokenExpiresAt - clock() > REFRESH_MARGIN_MS) return session;
    return renew(session);
  }

  /** Remembers the session of this run, so that concurrent calls share one login or refresh. */
  function remember(pending: Promise<StoredSession>): Promise<StoredSession> {
    active = pending;
    pending.catch(() => {
      if (active === pending) active = undefined;
    });
    return pending;
  }

  function ensure(): Promise<StoredSession> {
    return active ?? remember(start());
  }

  /** Renews after BMS rejected `rejectedToken`, unless another call has already done so. */
  async function renewRejected(rejectedToken: string): Promise<StoredSession> {
    const current = await ensure();
    if (current.accessToken !== rejectedToken) return current;
    return remember(renew(current));
  }

  async function call<Result>(invoke: (api: BmsApi) => Promise<Result>): Promise<Result> {
    const session = await ensure();
    try {
      return await invoke(client.withToken(session.accessToken));
    } catch (error) {
      if (!(isBmsError(error, 'token_expired') && error.status === 401)) throw error;
      logger.info('BMS rejected the stored access token; renewing the session', {
        userName: session.userName,
      });
      const renewed = await renewRejected(session.accessToken);
      return invoke(client.withToken(renewed.accessToken));
    }
  }

  return {
    api: lazyApi(client, call),
    ensure,
    login: () => remember(login()),
    refresh: async () => {
      const session = await stored();
      return remember(session ? renew(session) : login());
    },
    stored,
  };
}

type ApiMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Builds a BmsApi whose every method goes through `call`. The method names come from an API
 * object of the client, so a method added to BmsApi is covered without a change here.
 */
function lazyApi(
  client: BmsClient,
  call: <Result>(invoke: (api: BmsApi) => Promise<Result>) => Promise<Result>,
): BmsApi {
  const names = Object.keys(client.withToken('')) as (keyof BmsApi)[];
  const methods = names.map((name) => {
    const method: ApiMethod = (...args) => call((api) => (api[name] as ApiMethod)(...args));
    return [name, method] as const;
  });
  return Object.fromEntries(methods) as unknown as BmsApi;
}
