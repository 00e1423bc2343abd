import { describe, expect, it } from 'vitest';
import { type AuthenticationFailure, classifyAuthenticationFailure } from '../../src/bms/auth-failure.ts';

function classify(failure: Partial<AuthenticationFailure>) {
  return classifyAuthenticationFailure({ operation: 'authenticate', status: 200, ...failure });
}

describe('classifyAuthenticationFailure', () => {
  it('maps the sandbox codes', () => {
    expect(classify({ code: 40101 })).toBe('bad_credentials');
    expect(classify({ code: 40102 })).toBe('mfa_required');
    expect(classify({ code: 40103 })).toBe('mfa_invalid');
    expect(classify({ code: 40104 })).toBe('account_locked');
    expect(classify({ operation: 'refreshToken', code: 40105 })).toBe('token_expired');
  });

  it('falls back to the message text', () => {
    const cases = [
      ['An MFA code is required for this user.', 'mfa_required'],
      ['Please enter the verification code from your authenticator app.', 'mfa_required'],
      ['Two-factor authentication required', 'mfa_required'],
      ['The MFA code is invalid or has expired.', 'mfa_invalid'],
      ['Wrong multi-factor code', 'mfa_invalid'],
      ['The user account is locked.', 'account_locked'],
      ['Invalid tenant, username or password.', 'bad_credentials'],
      ['Unknown tenant.', 'bad_credentials'],
      ['The refresh token is invalid or has expired.', 'token_expired'],
    ] as const;
    for (const [message, kind] of cases) {
      expect(classify({ code: 1, message }), message).toBe(kind);
    }
  });

  it('falls back to the HTTP status', () => {
    expect(classify({ status: 401 })).toBe('bad_credentials');
    expect(classify({ operation: 'refreshToken', status: 401 })).toBe('token_expired');
    expect(classify({ operation: 'refreshToken', status: 400, message: 'Bad request' })).toBe(
      'token_expired',
    );
  });

  it('leaves other refusals to the general mapping', () => {
    expect(classify({ code: 500, message: 'Tenant database is being upgraded.' })).toBeUndefined();
    expect(classify({ code: 1, message: 'Something else went wrong.' })).toBeUndefined();
    expect(classify({ operation: 'refreshToken', status: 200, message: 'Something else.' })).toBeUndefined();
  });
});
