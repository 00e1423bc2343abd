import { describe, expect, it } from 'vitest';
import { BmsError } from '../../src/bms/errors.ts';
import { describeError } from '../../src/slack/error-text.ts';

/** Bugs the fault matrix found, each pinned by the behaviour it broke. */

describe('rate-limit sentence', () => {
  it('says one second in the singular', () => {
    const error = new BmsError('rate_limited', 'BMS answered 429.', { status: 429, retryAfterSeconds: 1 });
    expect(describeError(error)).toContain('Try again in 1 second.');
  });
});
