/** Returns at most `max` UTF-16 code units of text, without splitting a surrogate pair (most emoji) in two. */
export function sliceWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Shortens text to at most `max` characters, at a word boundary when one is near, ending with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = sliceWhole(text, Math.max(0, max - 1));
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

/** Maximum length of one word of user input that a message quotes back. */
const QUOTED_WORD_MAX = 80;

/**
 * Cuts every word of a sentence that is longer than QUOTED_WORD_MAX characters, keeping its
 * closing quote and punctuation. In the messages that use it such words are user input, and
 * quoting them in full would push the advice that follows them out of the message.
 */
export function shortenLongWords(sentence: string): string {
  return sentence.replace(/\S+/gu, (word) => {
    const characters = Array.from(word);
    if (characters.length <= QUOTED_WORD_MAX) return word;
    const ending = /[^\p{L}\p{N}]{0,3}$/u.exec(word)?.[0] ?? '';
    return `${characters.slice(0, QUOTED_WORD_MAX / 2).join('')}…${ending}`;
  });
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
