import type { SlackIdentity } from '../vault/identity.ts';

export type { SlackIdentity } from '../vault/identity.ts';

/**
 * The parts of a Slack payload that name the acting user. Slash commands carry flat fields
 * (`team_id`, `user_id`, `enterprise_id`); interactive payloads carry objects (`team`, `user`,
 * `enterprise`); events carry `team_id` and the user on the event.
 */
export interface IdentityPayload {
  team_id?: string | null;
  user_id?: string | null;
  enterprise_id?: string | null;
  team?: { id?: string | null } | null;
  user?: { id?: string | null; team_id?: string | null } | string | null;
  enterprise?: { id?: string | null } | null;
}

/**
 * Returns the vault identity of the user who sent the payload: the enterprise id when the
 * workspace belongs to an Enterprise Grid org, the team id and the user id. Throws when the
 * payload names no team or user, because a session must never be guessed.
 */
export function identityOf(body: IdentityPayload): SlackIdentity {
  const user = typeof body.user === 'string' ? { id: body.user, team_id: undefined } : body.user;
  const userId = body.user_id || user?.id;
  const teamId = body.team_id || body.team?.id || user?.team_id;
  const enterpriseId = body.enterprise_id || body.enterprise?.id || undefined;
  if (!teamId || !userId) {
    throw new Error('The Slack payload names no team or no user, so no BMS session can be chosen.');
  }
  return enterpriseId ? { enterpriseId, teamId, userId } : { teamId, userId };
}
