import type { webApi } from '@slack/bolt';
import type { TicketSummary } from '../src/bms/index.ts';
import { isBmsError } from '../src/bms/index.ts';
import { foldName, myOpenTickets } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import { Events } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { openUserContext, type UserContext } from '../src/slack/user-context.ts';
import { isSessionError } from '../src/vault/session-error.ts';
import { buildHomeView, HOME_ACTIONS, HOME_TICKETS_MAX, type HomeState } from '../views/home.ts';
import { forgetCachedLists } from './auth-cache.ts';

/**
 * The Home tab: login state with Log in or Log out, a Create ticket button, the user's open
 * tickets and the age of their cached lists. It never prompts: a session that needs a login
 * shows the Log in button, and a user who never logged in costs no BMS call.
 */

/** Rows asked from BMS; more than shown, because BMS matches assignee names by substring and some rows drop out. */
const TICKETS_ASKED = 40;

const ENDED = 'Your BMS session ended.';

/**
 * Keeps the tickets assigned to the user themselves. BMS's assignee filter matches names by
 * substring, so "Jane Doe" also finds "Jane Doerr".
 */
function assignedTo(user: UserContext, tickets: readonly TicketSummary[]): TicketSummary[] {
  const name = foldName(user.session.bmsUserName);
  return tickets.filter((ticket) =>
    ticket.AssigneeId !== undefined && ticket.AssigneeId !== null
      ? ticket.AssigneeId === user.bmsUserId
      : foldName(ticket.AssigneeName ?? '') === name,
  );
}

async function homeStateOf(
  deps: SlackDeps,
  identity: SlackIdentity,
  cacheError?: string,
): Promise<HomeState> {
  const session = await deps.services?.sessions.status(identity);
  if (!session) return { kind: 'logged-out' };

  let user: UserContext;
  try {
    user = await openUserContext(deps, identity);
  } catch (error) {
    if (isSessionError(error, 'needs_login') || isSessionError(error, 'needs_mfa'))
      return { kind: 'logged-out', reason: ENDED };
    throw error;
  }
  const loggedIn = {
    kind: 'logged-in' as const,
    bmsUserName: user.session.bmsUserName,
    userName: user.session.userName,
    tenant: user.session.tenant,
    cacheLoadedAt: await user.cache.age(),
    ...(cacheError ? { cacheError } : {}),
  };
  try {
    const tickets = await myOpenTickets(user.context, user.session.bmsUserName, TICKETS_ASKED);
    return { ...loggedIn, tickets: assignedTo(user, tickets).slice(0, HOME_TICKETS_MAX + 1) };
  } catch (error) {
    if (isSessionError(error)) return { kind: 'logged-out', reason: ENDED };
    deps.logger.warn('Home tab: open tickets not loaded', {
      team: identity.teamId,
      user: identity.userId,
      error: error instanceof Error ? error.name : typeof error,
    });
    return { ...loggedIn, ticketsError: `Your open tickets could not be loaded. ${describeError(error)}` };
  }
}

async function publishHome(
  deps: SlackDeps,
  client: webApi.WebClient,
  identity: SlackIdentity,
  cacheError?: string,
): Promise<void> {
  const view = buildHomeView(await homeStateOf(deps, identity, cacheError));
  await client.views.publish({ user_id: identity.userId, view });
}

/**
 * Logs the user out as `/bms logout` does: the cached lists, the session and the operations
 * that waited for a login go.
 */
async function logOut(deps: SlackDeps, identity: SlackIdentity): Promise<void> {
  const services = deps.services;
  if (!services) return;
  const session = await services.sessions.status(identity);
  if (session) {
    await forgetCachedLists(services, { tenant: session.tenant, bmsUserId: session.bmsUserId }).catch(
      (error: unknown) => {
        deps.logger.warn('Cached lists not deleted at logout', {
          team: identity.teamId,
          user: identity.userId,
          error: error instanceof Error ? error.name : typeof error,
        });
      },
    );
  }
  await services.sessions.logout(identity);
  for (const record of await services.pending.listPending(identity))
    await services.pending.takePending(record.id);
}

/** Publishes the Home tab each time a user opens it, and handles its Log out and Refresh buttons. */
export function registerHome(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.event(Events.appHomeOpened, async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const identity = identityOf({
      team_id: context.teamId,
      enterprise_id: context.enterpriseId,
      user: event.user,
    });
    await publishHome(deps, client, identity);
  });

  registry.action(HOME_ACTIONS.logout, async ({ body, client }) => {
    const identity = identityOf(body);
    await logOut(deps, identity);
    await publishHome(deps, client, identity);
  });

  registry.action(HOME_ACTIONS.refreshCache, async ({ body, client }) => {
    const identity = identityOf(body);
    let cacheError: string | undefined;
    try {
      const user = await openUserContext(deps, identity);
      await user.cache.refresh();
    } catch (error) {
      if (isSessionError(error)) {
        // The Home tab published below shows the login state.
      } else if (isBmsError(error)) {
        deps.logger.warn('Home tab: cached lists not refreshed', {
          team: identity.teamId,
          user: identity.userId,
          kind: error.kind,
          endpoint: error.endpoint,
        });
        // The lists cached before stay in use, and the Home tab shows why they are not newer.
        cacheError = `Your lists could not be refreshed; the ones cached before are still used. ${describeError(error)}`;
      } else {
        throw error;
      }
    }
    await publishHome(deps, client, identity, cacheError);
  });
}
