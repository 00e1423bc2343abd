import { invalidField, type Reply, rejectedLogin, success } from '../envelope.ts';
import { AUTH_ERROR_CODES, isValidSandboxMfaCode, SANDBOX_PASSWORD, SANDBOX_TENANT } from '../fixtures.ts';
import { type FormContext, get, type Route } from '../route.ts';
import { findUserByName } from '../state.ts';
import type { TokenPair } from '../tokens.ts';
import { SANDBOX_TENANT_DISPLAY_NAME, SANDBOX_TENANT_ID } from '../views.ts';

export const AUTH_MESSAGES = {
  badCredentials: 'Invalid tenant, username or password.',
  mfaRequired: 'An MFA code is required for this user.',
  mfaInvalid: 'The MFA code is invalid or has expired.',
  accountLocked: 'The user account is locked.',
  refreshTokenInvalid: 'The refresh token is invalid or has expired.',
} as const;

function tokenOutput(pair: TokenPair): Reply {
  return success({
    AccessToken: pair.accessToken,
    RefreshToken: pair.refreshToken,
    AccessTokenExpireOn: new Date(pair.accessTokenExpiresAt).toISOString(),
    RefreshTokenExpireOn: new Date(pair.refreshTokenExpiresAt).toISOString(),
  });
}

/**
 * `POST /v2/security/authenticate` with GrantType=password. The checks run in this order:
 * tenant, user and password (40101), locked (40104), MFA code missing (40102) or wrong (40103).
 * The locked user gets 40104 whatever the password, so a client can always reach that branch.
 */
function authenticate({ state, form }: FormContext): Reply {
  const grantType = form.get('granttype');
  if (grantType === undefined || grantType === '') throw invalidField('GrantType', 'GrantType is required.');
  if (grantType.toLowerCase() !== 'password') {
    throw invalidField(
      'GrantType',
      `GrantType '${grantType}' is not supported by the sandbox; use password.`,
    );
  }
  const tenant = (form.get('tenant') ?? '').trim().toLowerCase();
  const user = findUserByName(form.get('username') ?? '');
  if (tenant !== SANDBOX_TENANT || !user) {
    throw rejectedLogin(AUTH_ERROR_CODES.badCredentials, AUTH_MESSAGES.badCredentials);
  }
  if (user.locked) throw rejectedLogin(AUTH_ERROR_CODES.accountLocked, AUTH_MESSAGES.accountLocked);
  if (form.get('password') !== SANDBOX_PASSWORD) {
    throw rejectedLogin(AUTH_ERROR_CODES.badCredentials, AUTH_MESSAGES.badCredentials);
  }
  if (user.requiresMfa) {
    const code = (form.get('mfacode') ?? '').trim();
    if (code === '') throw rejectedLogin(AUTH_ERROR_CODES.mfaRequired, AUTH_MESSAGES.mfaRequired);
    if (!isValidSandboxMfaCode(code))
      throw rejectedLogin(AUTH_ERROR_CODES.mfaInvalid, AUTH_MESSAGES.mfaInvalid);
  }
  state.config.logger.debug('sandbox login', { userId: user.userId });
  return tokenOutput(state.tokens.issue(user.userId, state.now()));
}

/** `POST /v2/security/refreshtoken`: a new pair for an unused refresh token issued with the access token. */
function refreshToken({ state, form }: FormContext): Reply {
  const accessToken = form.get('accesstoken');
  if (accessToken === undefined || accessToken === '')
    throw invalidField('AccessToken', 'AccessToken is required.');
  const userId = state.tokens.redeemRefreshToken(accessToken, form.get('refreshtoken') ?? '', state.now());
  if (userId === undefined) {
    throw rejectedLogin(AUTH_ERROR_CODES.refreshTokenInvalid, AUTH_MESSAGES.refreshTokenInvalid);
  }
  return tokenOutput(state.tokens.issue(userId, state.now()));
}

export const securityRoutes: Route[] = [
  { kind: 'form', method: 'POST', template: '/v2/security/authenticate', handle: authenticate },
  { kind: 'form', method: 'POST', template: '/v2/security/refreshtoken', handle: refreshToken },
  get('/v2/security/userinfo', ({ state, user }) =>
    success({
      UserId: user.userId,
      FullName: user.fullName,
      EmailAddress: user.email,
      TimeStamp: state.nowIso(),
      TimeZoneValue: 0,
      TimeZoneName: 'Coordinated Universal Time',
      OlsonTimeZoneName: 'Etc/UTC',
      DateFormat: 'yyyy-MM-dd',
      TimeFormat: 'HH:mm',
      TimeFormatWithSeconds: 'HH:mm:ss',
      TenantId: SANDBOX_TENANT_ID,
      AccountId: null,
      LocationId: null,
      ContactId: null,
      BusinessName: SANDBOX_TENANT_DISPLAY_NAME,
      UserAccessRights: [],
      SpecialFeatures: [],
      ViewsMenus: [],
      QueuesMenus: [],
      CurrencyCode: 'USD',
      CultureCode: 'en-US',
      NewTicketingUI: true,
      IsUserSystemAdmin: false,
      ProductName: 'BMS',
      PictureUrl: null,
      OpenIdRealmId: null,
    }),
  ),
];
