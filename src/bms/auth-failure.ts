import type { BmsErrorKind } from './errors.ts';

/**
 * The one place that decides what a refused login or token refresh means. BMS documents no
 * error codes for these refusals, so the codes below are the ones the sandbox uses. A tenant
 * that responds differently is matched by message text, and this file is where to adjust both.
 */

export type AuthenticationOperation = 'authenticate' | 'refreshToken';

export interface AuthenticationFailure {
  operation: AuthenticationOperation;
  /** HTTP status of the response. */
  status: number;
  /** `Error.Code` of the envelope, when there was one. */
  code?: number;
  /** `Error.Message` of the envelope, when there was one. */
  message?: string;
}

const KIND_BY_CODE: ReadonlyMap<number, BmsErrorKind> = new Map<number, BmsErrorKind>([
  [40101, 'bad_credentials'],
  [40102, 'mfa_required'],
  [40103, 'mfa_invalid'],
  [40104, 'account_locked'],
  [40105, 'token_expired'],
]);

const MENTIONS_MFA =
  /\bmfa\b|multi-?factor|two-?factor|\b2fa\b|verification code|one-time code|authenticator/;
const MENTIONS_BAD_CODE = /invalid|wrong|incorrect|expired|mismatch|not valid/;
const MENTIONS_REFRESH_TOKEN = /refresh[\s_-]?token/;
const MENTIONS_LOCKED = /\blocked\b/;
const MENTIONS_CREDENTIALS = /password|user ?name|credential|(?:invalid|unknown) tenant/;

/**
 * Classifies a refused authenticate or refreshtoken response. Returns undefined when the response is
 * not recognisably about the login, so that the general mapping (by HTTP status, else
 * 'validation') applies.
 */
export function classifyAuthenticationFailure(failure: AuthenticationFailure): BmsErrorKind | undefined {
  const byCode = failure.code === undefined ? undefined : KIND_BY_CODE.get(failure.code);
  if (byCode) return byCode;

  const text = (failure.message ?? '').toLowerCase();
  if (MENTIONS_REFRESH_TOKEN.test(text)) return 'token_expired';
  if (MENTIONS_MFA.test(text)) return MENTIONS_BAD_CODE.test(text) ? 'mfa_invalid' : 'mfa_required';
  if (MENTIONS_LOCKED.test(text)) return 'account_locked';

  if (failure.operation === 'refreshToken') {
    return failure.status === 400 || failure.status === 401 || failure.status === 403
      ? 'token_expired'
      : undefined;
  }
  if (MENTIONS_CREDENTIALS.test(text)) return 'bad_credentials';
  return failure.status === 401 || failure.status === 403 ? 'bad_credentials' : undefined;
}
