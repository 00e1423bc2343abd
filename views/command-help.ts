import type { types } from '@slack/bolt';
import type { HelpText, ParseError } from '../src/grammar/index.ts';
import { Commands } from '../src/slack/ids.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { escapeWithin, SLACK_LIMITS, shorten, shortenLongWords } from './text-limits.ts';

/**
 * Renders the grammar's chat-agnostic help and parse errors for Slack: usage lines and
 * examples get the `/bms ` prefix and code marks, headings turn bold, everything else is
 * escaped text.
 */

const PREFIX = `${Commands.bms} `;
const HEADINGS = /^(Commands|Short forms|Examples|Flags|Arguments|Flags every command takes):$/;

/** Marks a command line as code, prefixed with `/bms`. Backticks inside would end the code span, so they become quotes. */
function commandCode(line: string): string {
  return `\`${escapeMrkdwn(`${PREFIX}${line}`.replaceAll('`', "'"))}\``;
}

function flagCode(text: string): string {
  return `\`${escapeMrkdwn(text.replaceAll('`', "'"))}\``;
}

/** Renders one help line; `heading` is the heading the line sits under. */
function renderLine(line: string, heading: string | undefined): string {
  if (line.startsWith('Usage: ')) return `*Usage:* ${commandCode(line.slice('Usage: '.length))}`;
  if (HEADINGS.test(line)) return `*${escapeMrkdwn(line)}*`;
  const indented = /^\s+(.*)$/.exec(line);
  if (!indented?.[1]) return escapeMrkdwn(line);

  const entry = indented[1];
  if (heading === 'Examples:') return `• ${commandCode(entry)}`;
  const [usage, ...rest] = entry.split(' — ');
  const description = rest.length > 0 ? ` — ${escapeMrkdwn(rest.join(' — '))}` : '';
  const isCommand = heading === 'Commands:' || heading === 'Short forms:';
  return `• ${isCommand ? commandCode(usage ?? '') : flagCode(usage ?? '')}${description}`;
}

/** Splits rendered lines into section texts at blank lines, each within Slack's section limit. */
function sections(lines: string[]): string[] {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line === '') paragraphs.push([]);
    else paragraphs.at(-1)?.push(line);
  }
  return paragraphs
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => shorten(paragraph.join('\n'), SLACK_LIMITS.sectionText));
}

/** Builds the reply to `/bms help ...` and `... --help` from the grammar's help text. */
export function buildCommandHelpMessage(help: HelpText): { text: string; blocks: types.KnownBlock[] } {
  let heading: string | undefined;
  const rendered = help.lines.map((line) => {
    if (HEADINGS.test(line)) heading = line;
    else if (line === '') heading = undefined;
    return line === '' ? '' : renderLine(line, heading);
  });
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: shorten(help.title, SLACK_LIMITS.headerText) } },
    ...sections(rendered).map(
      (text): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } }),
    ),
  ];
  const usage = help.lines.find((line) => line.startsWith('Usage: '));
  const text = `${help.title}: ${usage ? `${PREFIX}${usage.slice('Usage: '.length)}` : ''} Try ${PREFIX}ticket 12345 or ${PREFIX}help tickets.`;
  return { text: escapeWithin(text, SLACK_LIMITS.fallbackText, escapeMrkdwn), blocks: blocks.slice(0, 50) };
}

/** Builds the reply to a command line the grammar rejected: its message, the usage line and where help is. */
export function buildParseErrorMessage(error: ParseError): { text: string; blocks: types.KnownBlock[] } {
  const helpTopic = error.commandPath.length > 0 ? ` ${error.commandPath.join(' ')}` : '';
  const sentence = shortenLongWords(error.message);
  const message = escapeWithin(sentence, SLACK_LIMITS.sectionText - 200, escapeMrkdwn);
  return {
    text: escapeWithin(`${sentence} Usage: ${PREFIX}${error.usage}`, SLACK_LIMITS.fallbackText, escapeMrkdwn),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${message}` } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: shorten(
              `Usage: ${commandCode(error.usage)}   Flags and examples: ${commandCode(`help${helpTopic}`)}`,
              SLACK_LIMITS.sectionText,
            ),
          },
        ],
      },
    ],
  };
}
