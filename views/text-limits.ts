/** Shortens text to at most `max` characters, at a word boundary when one is near, ending with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const lastSpace = cut.lastIndexOf(' ');
  const atWord = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.trimEnd()}…`;
}

/**
 * Escapes text for mrkdwn and keeps the escaped result within `max` characters, cutting the
 * text itself (never an entity in half) and ending with an ellipsis when it had to cut.
 */
export function escapeWithin(text: string, max: number, escapeText: (text: string) => string): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  let length = 0;
  let end = 0;
  for (const character of text) {
    const size = escapeText(character).length;
    if (length + size > max - 1) break;
    length += size;
    end += character.length;
  }
  return `${escapeText(text.slice(0, end)).trimEnd()}…`;
}

/** Slack's limits for the blocks these builders make (from Slack's Block Kit reference). */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  modalTitle: 24,
  messageBlocks: 50,
  viewBlocks: 100,
  fallbackText: 4000,
  privateMetadata: 3000,
  plainTextInput: 3000,
} as const;
