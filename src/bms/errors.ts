/**
 * The one error family of the BMS client. Callers switch on `kind`; the Slack layer and the
 * command line turn each kind into a sentence for the user in exactly one place each.
 */
export type BmsErrorKind =
  | 'bad_credentials'
  | 'account_locked'
  | 'mfa_required'
  | 'mfa_invalid'
  | 'token_expired'
  | 'not_found'
  | 'forbidden'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'transport'
  | 'protocol';

export interface BmsErrorData {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** `Error.Code` from the BMS envelope, verbatim. */
  bmsCode?: number;
  /** `Error.Message` from the BMS envelope, verbatim (untrusted text). */
  bmsMessage?: string;
  /** `Error.Details` and `Error.SubErrors` flattened to sentences (untrusted text). */
  details?: string[];
  /** Endpoint as `METHOD /path/template`, never with query values or secrets. */
  endpoint?: string;
  /** Seconds to wait before trying again, from `Retry-After`. */
  retryAfterSeconds?: number;
  /** For `protocol`: the answer field that was missing or of the wrong type. */
  field?: string;
  cause?: unknown;
}

export class BmsError extends Error {
  readonly kind: BmsErrorKind;
  readonly status?: number;
  readonly bmsCode?: number;
  readonly bmsMessage?: string;
  readonly details: string[];
  readonly endpoint?: string;
  readonly retryAfterSeconds?: number;
  readonly field?: string;

  constructor(kind: BmsErrorKind, message: string, data: BmsErrorData = {}) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.name = 'BmsError';
    this.kind = kind;
    this.status = data.status;
    this.bmsCode = data.bmsCode;
    this.bmsMessage = data.bmsMessage;
    this.details = data.details ?? [];
    this.endpoint = data.endpoint;
    this.retryAfterSeconds = data.retryAfterSeconds;
    this.field = data.field;
  }
}

export function isBmsError(error: unknown, kind?: BmsErrorKind): error is BmsError {
  return error instanceof BmsError && (kind === undefined || error.kind === kind);
}
