/**
 * Text from BMS is untrusted: a ticket title may carry escape sequences that move the cursor,
 * rewrite the window title or hide the rest of a line, and bidirectional controls that show
 * "exe.png" as "gnp.exe". Everything from BMS passes through here before it reaches a terminal.
 */

/** CSI, OSC, DCS/SOS/PM/APC strings and two-character escapes, in their 7-bit and 8-bit forms. */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]',
    '\\u009b[0-?]*[ -/]*[@-~]',
    '\\u001b[\\]PX^_][\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    '[\\u009d\\u0090\\u0098\\u009e\\u009f][\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    '\\u001b[ -/]*[0-~]?',
  ].join('|'),
  'g',
);

/** C0 controls except tab and line feed, DEL, and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the purpose.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Bidirectional formatting characters, shown by their code point so that a reader sees the trick. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function codePoint(character: string): string {
  return `<U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Makes multi-line text from BMS safe to print: line breaks and tabs stay, every control goes. */
export function terminalText(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_CHARACTER, '')
    .replace(BIDI_CONTROL, codePoint);
}

/** Makes text from BMS safe for one line, such as a table cell: line breaks and tabs become spaces. */
export function terminalLine(text: string | null | undefined): string {
  return terminalText(text).replace(/\s+/g, ' ').trim();
}

/** Characters that JSON.stringify leaves raw but a terminal or a JavaScript parser may act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Formats a value as JSON that is safe to print: the data stay exactly as BMS sent them, and
 * control characters appear as \u escapes (JSON.stringify escapes only those below U+0020).
 */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? 'null';
  return json.replace(
    JSON_UNSAFE,
    (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** Length in code points, which is the width in columns for most scripts. */
export function textWidth(text: string): number {
  // NOTE: East Asian wide characters and emoji take two columns, so tables with them align less well.
  return Array.from(text).length;
}

/** Shortens one line to `width` code points, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  const characters = Array.from(text);
  if (characters.length <= width) return text;
  return `${characters.slice(0, Math.max(0, width - 1)).join('')}…`;
}
