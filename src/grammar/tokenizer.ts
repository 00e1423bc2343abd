/**
 * Splits a command line into words, the way a person types it in a Slack message box.
 *
 * Quoting rules, chosen so that chat text with apostrophes works without escaping:
 * - A quote opens a quoted value only at the start of a word or right after `--flag=`.
 *   Elsewhere it is an ordinary character, so `can't` and `O'Brien` need no quotes.
 * - A quoted value ends at a matching closing quote that is followed by whitespace or the end
 *   of the line. Any other quote inside is kept, so `"he said "ok"."` reads as `he said "ok".`.
 * - Each opening quote has its closing quotes, listed in CLOSING_QUOTES. A curly opening quote
 *   also accepts a straight closing one, because Slack clients turn typed quotes curly unevenly.
 *   NOTE: inner quotes of the outer kind end the value early (`“a “b” c”` reads `a “b`), as in
 *   a shell. Use other quotes inside, or `\"` inside double quotes.
 * - Inside double quotes, `\"` is a literal quote and `\\` a literal backslash. Every other
 *   backslash is literal, so Windows paths survive.
 * - `--flag=value` becomes two words, the flag and its value. The value may be quoted.
 * - A word that starts with an en or em dash and a letter (`—mine`, which macOS and iOS make of
 *   `--mine`) is read as a flag.
 */

/** One word of a command line. */
export interface Token {
  text: string;
  /**
   * True when the word was quoted (or, from argv, contains whitespace). Such a word is always a
   * value and never a flag, so `--message "--force failed"` works.
   */
  quoted: boolean;
  /** True for the value half of `--flag=value`; it always follows its flag. */
  attached: boolean;
  /** UTF-16 offsets of the word in the unescaped line, quotes included; -1 for argv words. */
  start: number;
  end: number;
}

export interface TokenizeFailure {
  message: string;
  /** 1-based character position of the open quote in the unescaped line. */
  position: number;
}

export type TokenizeResult =
  | { ok: true; tokens: string[]; details: Token[] }
  | ({ ok: false } & TokenizeFailure);

/** The words read before a quote error, so that a command taking the rest of the line can still use them. */
export interface ScanResult {
  tokens: Token[];
  error?: TokenizeFailure & { offset: number };
}

const DOUBLE_QUOTES = new Set(['"', '“', '”', '„']);
const SINGLE_QUOTES = new Set(["'", '‘', '’']);

/** Opening quote -> the characters that may close it. */
const CLOSING_QUOTES = new Map<string, string[]>([
  ['"', ['"']],
  ['“', ['”', '"']],
  ['„', ['“', '”']],
  ['”', ['”']],
  ["'", ["'"]],
  ['‘', ['’', "'"]],
  ['’', ['’']],
  ['«', ['»']],
]);
const EXCERPT_LENGTH = 24;

/** Slack escapes exactly these three characters in command text. */
export function unescapeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_entity, name: string) => {
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    return '&';
  });
}

/** Splits Slack command text into words after undoing Slack's `&amp;`, `&lt;` and `&gt;`. */
export function tokenize(text: string): TokenizeResult {
  const scan = scanLine(unescapeSlackEntities(text));
  if (scan.error) return { ok: false, message: scan.error.message, position: scan.error.position };
  return { ok: true, tokens: scan.tokens.map((token) => token.text), details: scan.tokens };
}

/**
 * Turns argv, already split by a shell, into tokens. Only `--flag=value` is split, because the
 * shell has already removed the quotes.
 */
export function tokensFromArgv(argv: readonly string[]): Token[] {
  const tokens: Token[] = [];
  for (const argument of argv) {
    const word = normalizeDashes(argument);
    const equals = word.indexOf('=');
    if (word.startsWith('--') && equals > 2) {
      tokens.push({ text: word.slice(0, equals), quoted: false, attached: false, start: -1, end: -1 });
      tokens.push({ text: word.slice(equals + 1), quoted: true, attached: true, start: -1, end: -1 });
      continue;
    }
    // NOTE: the shell's quotes are gone, so whitespace is the only sign that a word was quoted.
    tokens.push({ text: word, quoted: /\s/u.test(word), attached: false, start: -1, end: -1 });
  }
  return tokens;
}

/** Splits an already unescaped line into tokens, stopping at the first unclosed quote. */
export function scanLine(line: string): ScanResult {
  const tokens: Token[] = [];
  let index = 0;
  while (index < line.length) {
    index = skipWhitespace(line, index);
    if (index >= line.length) break;

    if (isOpeningQuote(charAt(line, index))) {
      const quoted = readQuoted(line, index);
      if ('error' in quoted) return { tokens, error: quoted.error };
      tokens.push({ text: quoted.text, quoted: true, attached: false, start: index, end: quoted.end });
      index = quoted.end;
      continue;
    }

    const word = readWord(line, index);
    const text = normalizeDashes(word.text);
    const equals = text.indexOf('=');
    if (!text.startsWith('--') || equals <= 2) {
      tokens.push({ text, quoted: false, attached: false, start: index, end: word.end });
      index = word.end;
      continue;
    }

    // `--flag=value`: the flag ends at the first `=`, and the value starts a word of its own.
    const flagLength = equals - (text.length - word.text.length);
    const valueStart = index + flagLength + 1;
    tokens.push({
      text: text.slice(0, equals),
      quoted: false,
      attached: false,
      start: index,
      end: valueStart - 1,
    });
    if (valueStart < line.length && isOpeningQuote(charAt(line, valueStart))) {
      const quoted = readQuoted(line, valueStart);
      if ('error' in quoted) return { tokens, error: quoted.error };
      tokens.push({ text: quoted.text, quoted: true, attached: true, start: valueStart, end: quoted.end });
      index = quoted.end;
    } else {
      const value = readWord(line, valueStart);
      tokens.push({ text: value.text, quoted: true, attached: true, start: valueStart, end: value.end });
      index = value.end;
    }
  }
  return { tokens };
}

function charAt(line: string, index: number): string {
  return String.fromCodePoint(line.codePointAt(index) ?? 0);
}

function isWhitespace(character: string): boolean {
  return /\s/u.test(character);
}

function skipWhitespace(line: string, index: number): number {
  let position = index;
  while (position < line.length && isWhitespace(charAt(line, position))) position += 1;
  return position;
}

/** Reads up to the next whitespace; quotes inside a word are ordinary characters. */
function readWord(line: string, start: number): { text: string; end: number } {
  let end = start;
  while (end < line.length && !isWhitespace(charAt(line, end))) end += charAt(line, end).length;
  return { text: line.slice(start, end), end };
}

function normalizeDashes(word: string): string {
  return word.replace(/^[\u2013\u2014](?=\p{L})/u, '--');
}

function isOpeningQuote(character: string): boolean {
  return CLOSING_QUOTES.has(character);
}

function closesQuote(opening: string, character: string): boolean {
  return CLOSING_QUOTES.get(opening)?.includes(character) ?? false;
}

type QuotedRead = { text: string; end: number } | { error: TokenizeFailure & { offset: number } };

function readQuoted(line: string, start: number): QuotedRead {
  const opening = charAt(line, start);
  const escapes = DOUBLE_QUOTES.has(opening);
  let text = '';
  let index = start + opening.length;
  let gluedCloser: { character: string; offset: number; next: string } | undefined;

  while (index < line.length) {
    const character = charAt(line, index);
    if (escapes && character === '\\' && index + 1 < line.length) {
      const next = charAt(line, index + 1);
      if (next === '\\' || DOUBLE_QUOTES.has(next)) {
        text += next;
        index += 1 + next.length;
        continue;
      }
    }
    if (closesQuote(opening, character)) {
      const after = index + character.length;
      if (after >= line.length || isWhitespace(charAt(line, after))) return { text, end: after };
      gluedCloser ??= { character, offset: index, next: charAt(line, after) };
    }
    text += character;
    index += character.length;
  }
  return { error: unclosedQuote(line, start, opening, gluedCloser) };
}

function characterPosition(line: string, offset: number): number {
  return [...line.slice(0, offset)].length + 1;
}

function unclosedQuote(
  line: string,
  offset: number,
  opening: string,
  gluedCloser: { character: string; offset: number; next: string } | undefined,
): TokenizeFailure & { offset: number } {
  const position = characterPosition(line, offset);
  const rest = [...line.slice(offset)];
  const excerpt = rest.length > EXCERPT_LENGTH ? `${rest.slice(0, EXCERPT_LENGTH).join('')}…` : rest.join('');
  const opened = `opened at character ${position} (${excerpt})`;

  const closer = CLOSING_QUOTES.get(opening)?.[0] ?? opening;
  let message: string;
  if (DOUBLE_QUOTES.has(opening)) {
    message = `The double quote ${opening} ${opened} is never closed. Add a closing ${closer} after the value, or write \\" for a quote inside it.`;
  } else if (SINGLE_QUOTES.has(opening)) {
    message = `The single quote ${opening} ${opened} is never closed. Add a closing ${closer} after the value. If it is an apostrophe at the start of a word, put the whole value in double quotes.`;
  } else {
    message = `The quote « ${opened} is never closed. Add a closing » after the value.`;
  }
  if (gluedCloser) {
    const closerPosition = characterPosition(line, gluedCloser.offset);
    message += ` The ${gluedCloser.character} at character ${closerPosition} is followed by "${gluedCloser.next}", so it does not close the value: put a space after a closing quote.`;
  }
  return { message, position, offset };
}
