/** One Slack user in one workspace; an Enterprise Grid org adds its enterprise id. */
export interface SlackIdentity {
  enterpriseId?: string;
  teamId: string;
  userId: string;
}

/**
 * Builds the store key of an identity: `enterpriseId|teamId|userId`, with `-` for a missing
 * enterprise. Slack ids never contain `|`, so the key is unambiguous.
 */
export function identityKey(identity: SlackIdentity): string {
  const parts = [identity.enterpriseId || '-', identity.teamId, identity.userId];
  for (const part of parts) {
    if (part === '' || part.includes('|')) {
      throw new Error(`Invalid Slack identity part "${part}": ids must be non-empty and contain no "|".`);
    }
  }
  return parts.join('|');
}

/** Fields for a log line that name the identity; Slack ids are not secret. */
export function identityFields(identity: SlackIdentity): { enterprise?: string; team: string; user: string } {
  return identity.enterpriseId
    ? { enterprise: identity.enterpriseId, team: identity.teamId, user: identity.userId }
    : { team: identity.teamId, user: identity.userId };
}
