import type { PendingRecord, RespondTo } from '../vault/pending.ts';
import type { SlackDeps } from './deps.ts';
import { reportListenerError } from './error-boundary.ts';
import type { SlackIdentity } from './identity.ts';
import { deliverResult } from './respond-to.ts';
import { openUserContext, requireServices, type UserContext } from './user-context.ts';

/**
 * Runs a pending operation after the login or MFA code it waited for: does the work as the user
 * and posts the result to `respondTo` (deliverResult covers every route). An error it throws is
 * reported once to the user at `respondTo` and once in the log.
 */
export type PendingRunner = (
  deps: SlackDeps,
  user: UserContext,
  payload: unknown,
  respondTo: RespondTo,
) => Promise<void>;

const runners = new Map<string, PendingRunner>();

/**
 * Registers the runner of one pending kind, such as `ticket.show`. The registry is per process,
 * and every app built in it registers the same runners, so a later registration replaces an
 * earlier one. Runners receive their deps as an argument and keep no app of their own.
 */
export function registerPendingRunner(kind: string, runner: PendingRunner): void {
  runners.set(kind, runner);
}

export function pendingRunnerFor(kind: string): PendingRunner | undefined {
  return runners.get(kind);
}

/**
 * Runs the identity's pending operations now that the session works again: the one named by
 * `firstId` (from the DM button) first, then every other one listed for the identity. Each is
 * taken with `takePending`, so exactly one instance runs it even when two finish a login at once.
 * Returns how many ran.
 */
export async function runPendingOperations(
  deps: SlackDeps,
  identity: SlackIdentity,
  firstId?: string,
): Promise<number> {
  const { pending } = requireServices(deps);
  const listed = (await pending.listPending(identity)).map((record) => record.id);
  const ids = firstId ? [firstId, ...listed.filter((id) => id !== firstId)] : listed;

  let ran = 0;
  for (const id of ids) {
    const record = await pending.takePending(id);
    if (!record) continue;
    if (!sameIdentity(record.identity, identity)) {
      // Only a forged button value can name another user's operation; it is dropped, never run.
      deps.logger.warn('Pending operation belongs to another Slack user; dropped', {
        team: identity.teamId,
        user: identity.userId,
        kind: record.kind,
      });
      continue;
    }
    await runOne(deps, identity, record);
    ran += 1;
  }
  return ran;
}

async function runOne(deps: SlackDeps, identity: SlackIdentity, record: PendingRecord): Promise<void> {
  const runner = runners.get(record.kind);
  try {
    if (!runner) throw new Error(`No runner is registered for pending operations of kind ${record.kind}.`);
    const user = await openUserContext(deps, identity);
    await runner(deps, user, record.payload, record.respondTo);
    deps.logger.info('Pending operation finished', {
      team: identity.teamId,
      user: identity.userId,
      kind: record.kind,
    });
  } catch (error) {
    await reportListenerError(
      { error, listener: `pending ${record.kind}`, teamId: identity.teamId, userId: identity.userId },
      deps.logger,
      {
        route: record.respondTo.responseUrl ? 'respond' : 'dm',
        send: (text) => deliverResult(deps, identity, record.respondTo, { text }),
      },
    );
  }
}

function sameIdentity(left: SlackIdentity, right: SlackIdentity): boolean {
  return (
    (left.enterpriseId ?? '') === (right.enterpriseId ?? '') &&
    left.teamId === right.teamId &&
    left.userId === right.userId
  );
}
