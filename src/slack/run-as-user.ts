import { buildLoginPrompt } from '../../views/login-prompt.ts';
import { buildMfaPrompt, buildMfaWaiting, mfaPausedText } from '../../views/mfa-prompt.ts';
import type { RespondTo } from '../vault/pending.ts';
import { isSessionError, type SessionError } from '../vault/session-error.ts';
import { botClient } from './bot-client.ts';
import type { SlackDeps } from './deps.ts';
import type { SlackIdentity } from './identity.ts';
import { type SlackMessage, sendDirectMessageWithBlocks } from './respond-to.ts';
import { openUserContext, requireServices, type UserContext } from './user-context.ts';

export type { RespondTo } from '../vault/pending.ts';
export { type PendingRunner, registerPendingRunner, runPendingOperations } from './pending-runners.ts';
export type { UserContext } from './user-context.ts';

/** The requesting user, the destination of a deferred result, and the way to reply in place now. */
export interface UserRequest {
  /** From the payload: identityOf(body) in src/slack/identity.ts. */
  identity: SlackIdentity;
  /** Destination of a result that comes later, after a login or an MFA code. */
  respondTo: RespondTo;
  /** Shows a message in place now (ephemeral respond(), or a DM when there is no response URL). */
  reply(message: SlackMessage): Promise<void>;
}

/** An operation to run later if the session needs the user first; `payload` is plain JSON without secrets. */
export interface DeferredOperation {
  kind: string;
  payload: unknown;
}

/**
 * Runs `run` as the user. When the session needs a login or an MFA code, stores `operation` as a
 * pending operation (10 minutes, shared store), tells the user in place that it is waiting,
 * sends the prompt (the login button in place, or the MFA button by DM) and returns undefined.
 * After the login or code, the runner registered for `operation.kind` runs and posts its
 * result to `request.respondTo`. SessionError `busy` and every other error are thrown on to the
 * listener's error boundary.
 */
export async function runAsUser<T>(
  deps: SlackDeps,
  request: UserRequest,
  operation: DeferredOperation,
  run: (user: UserContext) => Promise<T>,
): Promise<T | undefined> {
  let user: UserContext;
  try {
    user = await openUserContext(deps, request.identity);
  } catch (error) {
    if (!needsUser(error)) throw error;
    await promptForSession(deps, request, operation, error);
    return undefined;
  }

  try {
    return await run(user);
  } catch (error) {
    // The session can end between two BMS calls (a refresh token revoked meanwhile).
    if (!needsUser(error)) throw error;
    await promptForSession(deps, request, operation, error);
    return undefined;
  }
}

function needsUser(error: unknown): error is SessionError {
  return isSessionError(error, 'needs_login') || isSessionError(error, 'needs_mfa');
}

/** Saves the operation and asks the user for what the session needs. */
async function promptForSession(
  deps: SlackDeps,
  request: UserRequest,
  operation: DeferredOperation,
  error: SessionError,
): Promise<void> {
  const { pending } = requireServices(deps);
  const { identity } = request;
  deps.logger.info('BMS session needs the user; operation kept', {
    team: identity.teamId,
    user: identity.userId,
    session: error.kind,
    reason: error.reason,
    operation: operation.kind,
  });

  if (error.kind === 'needs_mfa') {
    const pausedUntil = await pending.mfaLocked(identity);
    if (pausedUntil !== undefined) {
      await request.reply({ text: mfaPausedText(pausedUntil) });
      return;
    }
  }

  const pendingId = await pending.savePending(identity, { ...operation, respondTo: request.respondTo });
  if (error.kind === 'needs_login') {
    await request.reply(
      buildLoginPrompt({ reason: loginReason(error), userName: error.userName, waiting: true }),
    );
    return;
  }

  // The DM goes first: if Slack refuses it, the user must not be told to look there.
  await sendDirectMessageWithBlocks(
    botClient(deps),
    identity.userId,
    buildMfaPrompt({ pendingId, tenant: error.tenant, userName: error.userName }),
  );
  await request.reply(buildMfaWaiting());
}

function loginReason(error: SessionError): string | undefined {
  switch (error.reason) {
    case 'refresh_rejected':
    case 'no_password':
      return 'Your BMS session ended.';
    case 'password_rejected':
      return 'BMS rejected the remembered password, so the app forgot it.';
    case 'unreadable':
      return 'Your saved BMS session can no longer be read.';
    default:
      return undefined;
  }
}
