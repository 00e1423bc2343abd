/**
 * Text going into Slack mrkdwn and text coming out of Slack messages.
 *
 * Slack treats `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>` and
 * `<https://x|label>` are live syntax. Every string that came from BMS or a user goes
 * through `escapeMrkdwn` before it is placed in mrkdwn.
 */

/** Escapes exactly `&`, `<` and `>` for Slack mrkdwn; nothing else needs escaping. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Looks up a user's display name; undefined when the user cannot be resolved. */
export type ResolveUserName = (userId: string) => Promise<string | undefined> | string | undefined;

/**
 * Converts message text as Slack sends it into plain text for BMS: user mentions become
 * `@Name`, channel links `#name`, links `label (url)`, formatting markers go, and the
 * `&amp;`, `&lt;`, `&gt;` entities become characters again.
 */
export async function slackTextToPlain(text: string, resolveUser: ResolveUserName): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/<([^<>]*)>/g)) {
    parts.push(stripFormatting(text.slice(last, match.index)));
    parts.push(await plainToken(match[1] ?? '', resolveUser));
    last = match.index + match[0].length;
  }
  parts.push(stripFormatting(text.slice(last)));

  // Entities go last, so that an escaped `&lt;@U1&gt;` typed by a user stays literal text.
  return unescapeEntities(parts.join(''));
}

function unescapeEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** Replaces one `<...>` token: a mention, channel, special mention or link. */
async function plainToken(token: string, resolveUser: ResolveUserName): Promise<string> {
  const separator = token.indexOf('|');
  const target = separator === -1 ? token : token.slice(0, separator);
  const label = separator === -1 ? undefined : token.slice(separator + 1);

  if (target.startsWith('@')) {
    const userId = target.slice(1);
    const name = (await resolveUser(userId)) ?? label ?? userId;
    return `@${name.replace(/^@/, '')}`;
  }
  if (target.startsWith('#')) {
    return `#${label ?? target.slice(1)}`;
  }
  if (target.startsWith('!')) {
    // `<!here>`, `<!channel>`, `<!subteam^S1|@team>`, `<!date^...|fallback>`.
    if (label !== undefined) return label;
    return `@${target.slice(1).split('^')[0]}`;
  }

  const shown = target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
  if (label === undefined || label === '' || label === shown || label === target) return shown;
  return `${stripFormatting(label)} (${shown})`;
}

// Slack applies a marker only where it opens after a boundary and closes before one, so
// `snake_case_name` and `2*3*4` keep their characters.
const BEFORE = String.raw`(^|[\s([{"'*_~])`;
const AFTER = String.raw`(?=$|[\s)\]}"'.,;:!?*_~])`;
const MARKERS = ['*', '_', '~'].map(
  (marker) =>
    new RegExp(
      `${BEFORE}\\${marker}([^\\s${marker}](?:[^${marker}\\n]*[^\\s${marker}])?)\\${marker}${AFTER}`,
      'g',
    ),
);

function stripFormatting(text: string): string {
  // Code spans first: their content keeps every character, markers included.
  const pieces = text.split(/(```[\s\S]*?```|`[^`\n]+`)/);
  return pieces
    .map((piece, index) => {
      if (index % 2 === 1) return piece.startsWith('```') ? piece.slice(3, -3) : piece.slice(1, -1);
      let plain = piece;
      for (const pattern of MARKERS) plain = plain.replace(pattern, '$1$2');
      return plain;
    })
    .join('');
}
