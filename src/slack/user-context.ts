import type { BmsApi } from '../bms/index.ts';
import type { UserCache } from '../cache/index.ts';
import type { ServiceContext } from '../services/context.ts';
import type { SessionStatus } from '../vault/sessions.ts';
import type { SlackDeps, SlackServices } from './deps.ts';
import type { SlackIdentity } from './identity.ts';

/** A Slack user acting in BMS as themselves: their session, their API and their cache. */
export interface UserContext {
  identity: SlackIdentity;
  /** Tenant, user name and BMS user name; never a secret. */
  session: SessionStatus;
  bmsUserId: number;
  /** The BMS API as this user (token refreshed as needed, a 401 renewed and retried once per call), and the cache as directory. */
  context: ServiceContext;
  /** The user's cached accounts, locations and lookup lists. */
  cache: UserCache;
}

/** Returns the services, or throws when the app was built without them (only the Slack shell's own tests do that). */
export function requireServices(deps: SlackDeps): SlackServices {
  if (!deps.services) {
    throw new Error('This listener needs the BMS services, but the Slack app was created without them.');
  }
  return deps.services;
}

/**
 * Opens the user's context: checks that a valid access token can be had (refreshing or logging
 * in again with a remembered password as needed), then builds the API and the cache. Throws
 * SessionError `needs_login` or `needs_mfa` when only the user can help.
 */
export async function openUserContext(deps: SlackDeps, identity: SlackIdentity): Promise<UserContext> {
  const services = requireServices(deps);
  const { sessions, cache } = services;

  // Renew before anything else, so that a prompt comes before any BMS work rather than halfway.
  const session = await sessions.activeStatus(identity);

  const api = sessionApi(services, identity);
  const bmsUserId = session.bmsUserId;
  // The cache loads through the same API, so that a token revoked mid-flow is renewed for its loads too.
  const userCache = cache.forUser({ tenant: session.tenant, bmsUserId }, async () => api);
  return {
    identity,
    session,
    bmsUserId,
    context: { api, clock: deps.clock, logger: deps.logger, directory: userCache },
    cache: userCache,
  };
}

/**
 * Builds the BMS API as the user, with every call made through `sessions.withSession`: a token BMS
 * rejects with 401 (revoked mid-flow) is renewed once and the call repeated. Each call is
 * wrapped on its own, so only the call that got the 401, which BMS did not carry out, runs again.
 */
function sessionApi(services: SlackServices, identity: SlackIdentity): BmsApi {
  const { sessions } = services;
  return new Proxy({} as BmsApi, {
    get(_target, name) {
      // Not a thenable: an async function that returns this object must not try to await it.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) =>
        sessions.withSession(identity, (api) => {
          const method = (api as unknown as Record<string, unknown>)[name];
          if (typeof method !== 'function') throw new TypeError(`The BMS API has no method ${name}.`);
          return (method as (...callArgs: unknown[]) => Promise<unknown>).apply(api, args);
        });
    },
  });
}
