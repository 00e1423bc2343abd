/**
 * Why the session manager cannot produce an access token without the user:
 * - `needs_login`: no session, or it ended and no usable password is remembered; ask for a login.
 * - `needs_mfa`: the remembered password worked but BMS wants an MFA code; ask for the code and
 *   call `completeMfa`.
 * - `busy`: another instance has been refreshing this session for longer than the wait allows;
 *   try again shortly.
 */
export type SessionErrorKind = 'needs_login' | 'needs_mfa' | 'busy';

/** Reason the session ended, for logs and for the wording of the prompt. */
export type SessionEndReason =
  | 'no_session'
  | 'refresh_rejected'
  | 'no_password'
  | 'password_rejected'
  | 'unreadable'
  | 'mfa_required';

/** Carries what a login prompt shows (tenant and user name), never a password, code or token. */
export class SessionError extends Error {
  readonly kind: SessionErrorKind;
  readonly tenant?: string;
  readonly userName?: string;
  readonly reason?: SessionEndReason;

  constructor(
    kind: SessionErrorKind,
    message: string,
    details: { tenant?: string; userName?: string; reason?: SessionEndReason } = {},
  ) {
    super(message);
    this.name = 'SessionError';
    this.kind = kind;
    this.tenant = details.tenant;
    this.userName = details.userName;
    this.reason = details.reason;
  }
}

export function isSessionError(error: unknown, kind?: SessionErrorKind): error is SessionError {
  return error instanceof SessionError && (kind === undefined || error.kind === kind);
}
