import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { escapeWithin, SLACK_LIMITS, shorten, shortenLongWords } from './text-limits.ts';

/** A message as the command handlers reply: fallback text and blocks. */
export interface BlockMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Builds a one-section message. `mrkdwn` is text the caller has escaped. */
export function buildNotice(mrkdwn: string): BlockMessage {
  const text = shorten(mrkdwn, SLACK_LIMITS.sectionText);
  return {
    text: shorten(mrkdwn, SLACK_LIMITS.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** Builds a warning from plain text, such as a sentence of the services, which it escapes. */
export function buildWarning(plain: string): BlockMessage {
  return buildNotice(`:warning: ${escapeWithin(plain, SLACK_LIMITS.sectionText - 20, escapeMrkdwn)}`);
}

/**
 * Lists the problems of a request, one per line, under a plain-text intro: the reply to a
 * ValidationError, whose `fields` map each input to a sentence saying what to enter instead.
 */
export function buildFieldErrors(intro: string, fields: Record<string, string>): BlockMessage {
  const problems = Object.values(fields).map(shortenLongWords);
  const lines = problems.map((problem) => `• ${escapeMrkdwn(problem)}`);
  const body = shorten(`:warning: *${escapeMrkdwn(intro)}*\n${lines.join('\n')}`, SLACK_LIMITS.sectionText);
  return {
    text: escapeWithin(`${intro} ${problems.join(' ')}`, SLACK_LIMITS.fallbackText - 500, escapeMrkdwn),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }],
  };
}

/**
 * Builds the message about a change that failed in BMS after its form closed: the opening
 * sentence with the reason (mrkdwn from describeError), then the text the user typed, quoted so
 * that it is not lost. `label` introduces the quote and stays under 100 characters.
 */
export function buildKeptTextMessage(options: {
  opening: string;
  reason: string;
  label: string;
  text: string;
}): BlockMessage {
  // The quote marks count toward the section's limit too, so they are added inside the bound.
  const quoted = escapeWithin(options.text, SLACK_LIMITS.sectionText - 100, (text) =>
    escapeMrkdwn(text).replaceAll('\n', '\n>'),
  );
  const warning = shorten(`:warning: ${options.opening} ${options.reason}`, SLACK_LIMITS.sectionText);
  return {
    text: shorten(options.opening, SLACK_LIMITS.fallbackText),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: warning } },
      { type: 'section', text: { type: 'mrkdwn', text: `${options.label}\n>${quoted}` } },
    ],
  };
}
