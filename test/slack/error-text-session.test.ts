import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/services/validation.ts';
import { describeError, UNKNOWN_ERROR_TEXT } from '../../src/slack/error-text.ts';
import { SessionError } from '../../src/vault/session-error.ts';

describe('describeError for sessions and forms', () => {
  it('has a sentence per session kind', () => {
    const sentences = (['needs_login', 'needs_mfa', 'busy'] as const).map((kind) =>
      describeError(new SessionError(kind, `internal ${kind} detail`)),
    );
    expect(new Set(sentences).size).toBe(3);
    for (const sentence of sentences) {
      expect(sentence).not.toContain('internal');
      expect(sentence).not.toBe(UNKNOWN_ERROR_TEXT);
    }
    expect(sentences[0]).toContain('/bms login');
  });

  it('lists validation sentences escaped', () => {
    const error = new ValidationError({ Title: 'Enter a title.', AccountId: '"<!here>" is not an account.' });
    const text = describeError(error);
    expect(text).toContain('Enter a title.');
    expect(text).toContain('&lt;!here&gt;');
    expect(text).not.toContain('<!here>');
  });
});
