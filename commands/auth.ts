import type { AuthLogoutCommand, AuthRefreshCommand, AuthStatusCommand } from '../src/grammar/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { registerPendingRunner, runAsUser } from '../src/slack/run-as-user.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { userRequestFromCommand } from '../src/slack/user-request.ts';
import { buildLoginPrompt } from '../views/login-prompt.ts';
import { buildSessionStatusMessage } from '../views/login-status.ts';
import { forgetCachedLists } from './auth-cache.ts';
import type { CommandHandler } from './bms-router.ts';

const REFRESH_KIND = 'auth.refresh';

/** `/bms whoami` and `/bms auth status`: reads the vault only, never BMS. */
export const authStatus: CommandHandler<AuthStatusCommand> = async ({ command, respond, deps }) => {
  const session = await requireServices(deps).sessions.status(identityOf(command));
  const message = session
    ? buildSessionStatusMessage(session, deps.clock())
    : buildLoginPrompt({ reason: 'Log in to act in BMS as yourself.' });
  await respond({ response_type: 'ephemeral', ...message });
};

/**
 * `/bms logout` and `/bms auth logout`: deletes the session (tokens and remembered password), a
 * login waiting for its MFA code, the operations waiting for a login, and the cached lists.
 */
export const logout: CommandHandler<AuthLogoutCommand> = async ({ command, respond, deps }) => {
  const identity = identityOf(command);
  const services = requireServices(deps);
  const session = await services.sessions.status(identity);

  if (session) {
    try {
      const bmsUserId = session.bmsUserId;
      await forgetCachedLists(services, { tenant: session.tenant, bmsUserId });
    } catch (error) {
      // The session may be unusable already; its cached lists then expire with their lifetime.
      deps.logger.warn('Cached lists not deleted at logout', {
        team: identity.teamId,
        user: identity.userId,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  }
  await services.sessions.logout(identity);
  const dropped = await dropPendingOperations(deps, identity);

  const lines = [
    session
      ? 'You are logged out of BMS. The app deleted your session, your remembered password (if any) and your cached lists.'
      : 'You were not logged in to BMS; nothing of yours is stored any more.',
  ];
  if (dropped > 0) lines.push(`${dropped} request(s) waiting for a login were cancelled.`);
  await respond({ response_type: 'ephemeral', text: lines.join('\n') });
};

async function dropPendingOperations(deps: SlackDeps, identity: SlackIdentity): Promise<number> {
  const { pending } = requireServices(deps);
  let dropped = 0;
  for (const record of await pending.listPending(identity)) {
    if (await pending.takePending(record.id)) dropped += 1;
  }
  return dropped;
}

/** `/bms auth refresh`: renews the session now and reports the new expiry, or requests a login or code when BMS requires one. */
export const authRefresh: CommandHandler<AuthRefreshCommand> = async ({ command, respond, deps }) => {
  const request = userRequestFromCommand(command, respond);
  await runAsUser(deps, request, { kind: REFRESH_KIND, payload: {} }, async (user) => {
    await request.reply(await refreshNow(deps, user.identity));
  });
};

async function refreshNow(deps: SlackDeps, identity: SlackIdentity) {
  const { sessions } = requireServices(deps);
  await sessions.forceRefresh(identity);
  const session = await sessions.status(identity);
  if (!session) return buildLoginPrompt({ reason: 'Your session ended while it was being renewed.' });
  return buildSessionStatusMessage(session, deps.clock(), 'Your BMS session was renewed.');
}

/** Finishes an `/bms auth refresh` that waited for a login or an MFA code. */
export function registerAuthRunners(): void {
  registerPendingRunner(REFRESH_KIND, async (deps, user, _payload, respondTo) => {
    await deliverResult(deps, user.identity, respondTo, await refreshNow(deps, user.identity));
  });
}
