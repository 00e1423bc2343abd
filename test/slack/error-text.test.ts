import { describe, expect, it } from 'vitest';
import { BmsError, type BmsErrorKind } from '../../src/bms/errors.ts';
import { errorKindOf } from '../../src/slack/error-boundary.ts';
import { describeError, UNKNOWN_ERROR_TEXT } from '../../src/slack/error-text.ts';

const KINDS: BmsErrorKind[] = [
  'bad_credentials',
  'account_locked',
  'mfa_required',
  'mfa_invalid',
  'token_expired',
  'not_found',
  'forbidden',
  'validation',
  'rate_limited',
  'server',
  'transport',
  'protocol',
];

/** Builds an error as @slack/web-api throws it for `ok: false`. */
function slackPlatformError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error: code },
  });
}

describe('describeError', () => {
  it('has a distinct sentence per BMS kind', () => {
    const sentences = KINDS.map((kind) => describeError(new BmsError(kind, `internal ${kind} detail`)));
    expect(new Set(sentences).size).toBe(KINDS.length);
    for (const sentence of sentences) {
      expect(sentence).not.toContain('internal');
      expect(sentence).not.toBe(UNKNOWN_ERROR_TEXT);
      expect(sentence).toMatch(/\.$/);
    }
  });

  it('tells the user to sign in again', () => {
    for (const kind of ['bad_credentials', 'token_expired', 'mfa_required', 'mfa_invalid'] as const) {
      expect(describeError(new BmsError(kind, 'x'))).toContain('/bms login');
    }
  });

  it('names the item from the endpoint', () => {
    const error = (endpoint: string) => new BmsError('not_found', 'x', { endpoint });
    expect(describeError(error('GET /v2/servicedesk/tickets/{ticketId}'))).toContain('that ticket');
    expect(describeError(error('GET /v2/servicedesk/tickets/{ticketId}/notes/{noteId}'))).toContain(
      'that note',
    );
    expect(describeError(error('GET /v2/crm/accounts/{accountId}/locations'))).toContain('that location');
    expect(describeError(new BmsError('not_found', 'x'))).toContain('that item');
  });

  it('shows BMS validation details escaped', () => {
    const error = new BmsError('validation', 'One or more validation errors occurred.', {
      endpoint: 'POST /v2/servicedesk/tickets',
      details: ['Title is required', 'LocationId <5> does not belong to AccountId 12 & more.'],
    });
    expect(describeError(error)).toBe(
      'BMS rejected the ticket: Title is required. LocationId &lt;5&gt; does not belong to AccountId 12 &amp; more. Correct it and try again.',
    );
  });

  it('falls back to the BMS message for a refusal', () => {
    const error = new BmsError('validation', 'refused', { bmsMessage: 'Ticket is closed' });
    expect(describeError(error)).toContain('Ticket is closed.');
  });

  it('shortens long validation details', () => {
    const error = new BmsError('validation', 'x', { details: ['y'.repeat(1000)] });
    expect(describeError(error).length).toBeLessThan(400);
  });

  it('gives the rate limit wait', () => {
    expect(describeError(new BmsError('rate_limited', 'x', { retryAfterSeconds: 30 }))).toContain(
      'in 30 seconds',
    );
    expect(describeError(new BmsError('rate_limited', 'x', { retryAfterSeconds: 600 }))).toContain(
      'in 10 minutes',
    );
    expect(describeError(new BmsError('rate_limited', 'x'))).toContain('in a minute');
  });

  it('explains Slack refusals', () => {
    expect(describeError(slackPlatformError('expired_trigger_id'))).toContain('Try again');
    expect(describeError(slackPlatformError('not_in_channel'))).toContain('/invite @bms');
    expect(describeError(slackPlatformError('messages_tab_disabled'))).toContain('Messages tab');
    expect(describeError(slackPlatformError('msg_blocks_too_long'))).toContain('too large');
  });

  it('explains a Slack rate limit', () => {
    const error = Object.assign(new Error('rate limited'), {
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 12,
    });
    expect(describeError(error)).toContain('in 12 seconds');
  });

  it('hides unknown errors', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'Id')");
    expect(describeError(error)).toBe(UNKNOWN_ERROR_TEXT);
    expect(describeError('a string')).toBe(UNKNOWN_ERROR_TEXT);
    expect(describeError(slackPlatformError('some_new_code'))).toBe(UNKNOWN_ERROR_TEXT);
  });
});

describe('errorKindOf', () => {
  it('classifies errors', () => {
    expect(errorKindOf(new BmsError('forbidden', 'x'))).toBe('forbidden');
    expect(errorKindOf(slackPlatformError('not_in_channel'))).toBe('slack');
    expect(errorKindOf(new Error('x'))).toBe('unknown');
  });
});
