import { type BmsError, type BmsErrorKind, isBmsError } from '../bms/errors.ts';
import { isValidationError, type ValidationError } from '../services/validation.ts';
import { isSessionError, type SessionErrorKind } from '../vault/session-error.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { type SlackFailure, slackFailureOf } from './slack-errors.ts';

/**
 * Turns an error into the mrkdwn sentence the Slack user reads: what failed and what to do
 * next. This is the one place that does so. No exception message or stack trace reaches Slack,
 * and the only outside text is BMS's validation detail, escaped and shortened.
 */
export function describeError(error: unknown): string {
  if (isBmsError(error)) return describeBmsError(error);
  if (isSessionError(error)) return SESSION_TEXT[error.kind];
  if (isValidationError(error)) return describeValidationError(error);
  const slackFailure = slackFailureOf(error);
  if (slackFailure) return describeSlackFailure(slackFailure);
  return UNKNOWN_ERROR_TEXT;
}

export const UNKNOWN_ERROR_TEXT =
  'Something went wrong in the bms app. Try again; if it keeps happening, tell whoever runs the app when it happened.';

const MAX_DETAILS_LENGTH = 300;

const BMS_TEXT: Record<BmsErrorKind, (error: BmsError, item: string) => string> = {
  bad_credentials: () => 'BMS rejected your user name or password. Run `/bms login` to sign in again.',
  account_locked: () =>
    'Your BMS user account is locked. Ask your BMS administrator to unlock it, then run `/bms login`.',
  mfa_required: () =>
    'BMS needs a verification code from your authenticator app. Run `/bms login` to sign in with the code.',
  mfa_invalid: () =>
    'BMS rejected the verification code. Run `/bms login` and enter the current code from your authenticator app.',
  token_expired: () => 'Your BMS session has expired. Run `/bms login` to sign in again.',
  not_found: (_error, item) => `BMS could not find that ${item}. Check the number and try again.`,
  forbidden: (_error, item) =>
    `Your BMS user is not allowed to see or change that ${item}. Ask your BMS administrator for access.`,
  validation: (error, item) => {
    const details = validationDetails(error);
    // A refused read has nothing for the user to correct.
    if (isRead(error.endpoint)) {
      return details
        ? `BMS refused to load the ${item}: ${details} Try again; if it keeps failing, ask your BMS administrator.`
        : `BMS refused to load the ${item}. Try again; if it keeps failing, ask your BMS administrator.`;
    }
    return details
      ? `BMS rejected the ${item}: ${details} Correct it and try again.`
      : `BMS rejected the ${item} as invalid. Check the values and try again.`;
  },
  rate_limited: (error) =>
    `BMS is limiting requests right now. Try again ${waitPhrase(error.retryAfterSeconds)}.`,
  server: () =>
    'BMS failed with a server error. Try again in a few minutes; if it keeps failing, ask your BMS administrator whether BMS is down.',
  transport: () => 'The app could not reach BMS: the connection failed or timed out. Try again in a minute.',
  protocol: () =>
    'BMS sent an answer the app could not read. Try again; if it keeps happening, tell whoever runs the app.',
};

const SESSION_TEXT: Record<SessionErrorKind, string> = {
  needs_login: 'You are not logged in to BMS. Run `/bms login` to sign in, then try again.',
  needs_mfa:
    'BMS needs an MFA code to renew your session. Run `/bms login` and enter the code from your authenticator app.',
  busy: 'Your BMS session is being renewed right now. Try again in a few seconds.',
};

/** Joins the form's own sentences, one per invalid field, escaped because they may quote what the user typed. */
function describeValidationError(error: ValidationError): string {
  const sentences = Object.values(error.fields)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  if (sentences.length === 0) return 'Some values are not valid. Check them and try again.';
  const joined = sentences.join(' ');
  const short = joined.length > MAX_DETAILS_LENGTH ? `${joined.slice(0, MAX_DETAILS_LENGTH - 1)}…` : joined;
  return escapeMrkdwn(short);
}

function describeBmsError(error: BmsError): string {
  return BMS_TEXT[error.kind](error, itemOf(error.endpoint));
}

/**
 * BMS's own validation sentences, or its message when it gave none (a refusal with HTTP 200
 * carries only a message). Untrusted text, so escaped for mrkdwn and shortened.
 */
function validationDetails(error: BmsError): string | undefined {
  let sentences = error.details;
  if (sentences.length === 0 && error.bmsMessage) sentences = [error.bmsMessage];
  const joined = sentences
    .map((sentence) => sentence.trim())
    .filter(Boolean)
    .map((sentence) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`))
    .join(' ');
  if (joined === '') return undefined;
  const short = joined.length > MAX_DETAILS_LENGTH ? `${joined.slice(0, MAX_DETAILS_LENGTH - 1)}…` : joined;
  return escapeMrkdwn(short);
}

const ITEM_PATTERNS: Array<[RegExp, string]> = [
  [/^(authenticate|refreshtoken|userinfo)$/i, 'sign-in'],
  [/template/i, 'template'],
  [/note/i, 'note'],
  [/location/i, 'location'],
  [/account/i, 'account'],
  [/ticket|assign/i, 'ticket'],
];

/** Returns the kind of BMS item an endpoint such as `GET /v2/servicedesk/tickets/{ticketId}` is about. */
function itemOf(endpoint: string | undefined): string {
  const path = endpoint?.split(' ').at(-1) ?? '';
  const segments = path.split('/').filter((segment) => segment !== '' && !segment.startsWith('{'));
  // Patterns in table order, so that `/templates/tickets/{templateId}` names a template, not a ticket.
  const match = ITEM_PATTERNS.find(([pattern]) => segments.some((segment) => pattern.test(segment)));
  if (match) return match[1];
  // Statuses, priorities, queues and the other lookup tables.
  return /\/lookup\b/.test(path) ? 'list' : 'item';
}

/** True for endpoints that change nothing in BMS: every GET, and the ticket search sent as a POST. */
function isRead(endpoint: string | undefined): boolean {
  return endpoint !== undefined && (endpoint.startsWith('GET ') || endpoint.endsWith('/search'));
}

function waitPhrase(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return 'in a minute';
  if (seconds < 90) {
    const whole = Math.ceil(seconds);
    return `in ${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  }
  return `in ${Math.ceil(seconds / 60)} minutes`;
}

function describeSlackFailure(failure: SlackFailure): string {
  switch (failure.code) {
    case 'expired_trigger_id':
    case 'exchanged_trigger_id':
    case 'invalid_trigger_id':
      return 'Slack would not open the form because the app answered too slowly. Try again.';
    case 'not_in_channel':
      return 'The bms app is not a member of this channel. Invite it with `/invite @bms` and try again.';
    case 'channel_not_found':
      return 'The bms app cannot see this channel. If it is private, invite the app with `/invite @bms` and try again.';
    case 'messages_tab_disabled':
      return 'The bms app cannot send you direct messages because its Messages tab is turned off. Ask your Slack administrator to turn it on.';
    case 'invalid_blocks':
    case 'msg_too_long':
    case 'msg_blocks_too_long':
      return 'The answer was too large for Slack to show. Narrow the request and try again.';
    case 'rate_limited':
    case 'ratelimited':
      return `Slack is limiting this app's requests right now. Try again ${waitPhrase(failure.retryAfterSeconds)}.`;
    case 'hash_conflict':
      return 'The form changed while the app was updating it. Close it and open it again.';
    case 'not_found':
      return 'The form was closed before the app could update it. Open it again.';
    case 'response_url_failed':
      return 'This Slack request has expired. Run the command again.';
    case 'request_failed':
      return 'The app could not reach Slack. Try again in a minute.';
    default:
      return UNKNOWN_ERROR_TEXT;
  }
}
