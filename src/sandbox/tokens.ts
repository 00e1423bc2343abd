import { randomBytes } from 'node:crypto';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number;
}

interface AccessGrant {
  userId: number;
  expiresAt: number;
}

interface RefreshGrant {
  userId: number;
  expiresAt: number;
  /** The access token issued together with this refresh token; a refresh must present it. */
  accessToken: string;
}

/** Past this many live grants, expired ones are swept on the next issue. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Opaque access and refresh tokens with their expiry, judged by the sandbox clock that the caller
 * passes in. Refresh tokens are single-use. An access token stays valid until it expires even after
 * a refresh, because a signed token of a real tenant would too. Only revocation ends it early.
 */
export class TokenStore {
  private readonly accessGrants = new Map<string, AccessGrant>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
  ) {}

  issue(userId: number, now: number): TokenPair {
    if (this.accessGrants.size + this.refreshGrants.size > SWEEP_THRESHOLD) this.sweep(now);
    const pair: TokenPair = {
      accessToken: newToken(),
      refreshToken: newToken(),
      accessTokenExpiresAt: now + this.accessTtlSeconds * 1000,
      refreshTokenExpiresAt: now + this.refreshTtlSeconds * 1000,
    };
    this.accessGrants.set(pair.accessToken, { userId, expiresAt: pair.accessTokenExpiresAt });
    this.refreshGrants.set(pair.refreshToken, {
      userId,
      expiresAt: pair.refreshTokenExpiresAt,
      accessToken: pair.accessToken,
    });
    return pair;
  }

  /** Returns the user id of a live access token, or undefined for an unknown, expired or revoked one. */
  userOfAccessToken(accessToken: string, now: number): number | undefined {
    const grant = this.accessGrants.get(accessToken);
    if (!grant) return undefined;
    if (grant.expiresAt <= now) {
      this.accessGrants.delete(accessToken);
      return undefined;
    }
    return grant.userId;
  }

  /**
   * Uses up a refresh token and returns its user id, or undefined when the token is unknown,
   * expired, already used, revoked, or was not issued with the given access token.
   * NOTE: the public contract does not say whether BMS checks that the access token belongs to the
   * refresh token. The sandbox checks it because that is the stricter guess.
   */
  redeemRefreshToken(accessToken: string, refreshToken: string, now: number): number | undefined {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant) return undefined;
    this.refreshGrants.delete(refreshToken);
    if (grant.expiresAt <= now || grant.accessToken !== accessToken) return undefined;
    return grant.userId;
  }

  /** Ends every access and refresh token of a user; returns how many there were. */
  revokeUser(userId: number): number {
    let revoked = 0;
    for (const grants of [this.accessGrants, this.refreshGrants]) {
      for (const [token, grant] of grants) {
        if (grant.userId !== userId) continue;
        grants.delete(token);
        revoked++;
      }
    }
    return revoked;
  }

  clear(): void {
    this.accessGrants.clear();
    this.refreshGrants.clear();
  }

  private sweep(now: number): void {
    for (const grants of [this.accessGrants, this.refreshGrants]) {
      for (const [token, grant] of grants) {
        if (grant.expiresAt <= now) grants.delete(token);
      }
    }
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
