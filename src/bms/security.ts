import type { Requester } from './request.ts';
import {
  parseBmsDateTime,
  type TokenOutput,
  tokenSchema,
  type UserInfo,
  userInfoSchema,
} from './schemas/security.ts';
import type { LoginInput, TokenSet } from './types.ts';

/**
 * Logs in with a password (and an MFA code when the user has one). Refusals are classified by
 * classifyAuthenticationFailure. Not retried: a one-time MFA code may be used up by the first try.
 */
export async function authenticate(request: Requester, input: LoginInput): Promise<TokenSet> {
  const fields: [string, string][] = [
    ['GrantType', 'password'],
    ['UserName', input.userName],
    ['Password', input.password],
    ['Tenant', input.tenant],
  ];
  const mfaCode = input.mfaCode?.replace(/\s+/g, '');
  if (mfaCode) fields.push(['MFACode', mfaCode]);

  const { result } = await request({
    method: 'POST',
    template: '/v2/security/authenticate',
    body: { type: 'form', fields },
    isRead: false,
    resultSchema: tokenSchema,
    authentication: 'authenticate',
  });
  return toTokenSet(result);
}

/**
 * Trades a refresh token for a new token set. Not retried: refresh tokens are single-use, so a
 * resend after a lost response would present a token that BMS has already consumed.
 */
export async function refreshToken(
  request: Requester,
  tokens: { accessToken: string; refreshToken: string },
): Promise<TokenSet> {
  const { result } = await request({
    method: 'POST',
    template: '/v2/security/refreshtoken',
    body: {
      type: 'form',
      fields: [
        ['AccessToken', tokens.accessToken],
        ['RefreshToken', tokens.refreshToken],
      ],
    },
    isRead: false,
    resultSchema: tokenSchema,
    authentication: 'refreshToken',
  });
  return toTokenSet(result);
}

export async function getUserInfo(request: Requester, accessToken: string): Promise<UserInfo> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/security/userinfo',
    accessToken,
    isRead: true,
    resultSchema: userInfoSchema,
  });
  return result;
}

function toTokenSet(token: TokenOutput): TokenSet {
  return {
    accessToken: token.AccessToken,
    refreshToken: token.RefreshToken,
    accessTokenExpiresAt: parseBmsDateTime(token.AccessTokenExpireOn),
    refreshTokenExpiresAt: parseBmsDateTime(token.RefreshTokenExpireOn),
  };
}
