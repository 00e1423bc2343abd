import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { runPendingOperations } from '../src/slack/pending-runners.ts';
import { postToResponseUrl, sendDirectMessageWithBlocks } from '../src/slack/respond-to.ts';
import { requireServices } from '../src/slack/user-context.ts';
import type { SessionStatus } from '../src/vault/sessions.ts';
import { loggedInText } from '../views/login-modal.ts';

/**
 * Finishes a successful login (from the login modal or the MFA code modal): clears the count
 * of wrong MFA codes, confirms to the user (in place through `responseUrl` when there is one, else by DM) and
 * runs the operations that waited for the login, `firstPendingId` first.
 */
export async function finishLogin(
  deps: SlackDeps,
  client: webApi.WebClient,
  identity: SlackIdentity,
  session: SessionStatus,
  options: { responseUrl?: string; firstPendingId?: string } = {},
): Promise<void> {
  const { pending } = requireServices(deps);
  await pending.clearMfaFailures(identity);

  const waiting = await pending.listPending(identity);
  const lines = [loggedInText(session)];
  if (session.passwordRemembered) {
    lines.push('Your password is remembered (encrypted), so next time the app asks only for an MFA code.');
  }
  if (waiting.length > 0) lines.push('Finishing what you asked for before the login.');
  const confirmation = { text: lines.join('\n') };

  const refused = options.responseUrl ? await postToResponseUrl(options.responseUrl, confirmation) : 'none';
  if (refused !== undefined) await sendDirectMessageWithBlocks(client, identity.userId, confirmation);

  await runPendingOperations(deps, identity, options.firstPendingId);
}
