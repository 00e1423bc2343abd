import { SURNAMES, TRADES } from '../src/sandbox/names.ts';

/**
 * What a technician types into the account dropdown: the first letters of a name the sandbox's
 * accounts are made of, one keystroke at a time, without accents (people rarely type them).
 */

/** Most keystrokes typed before the technician picks an account. */
const MAX_KEYSTROKES = 4;

const WORDS = [...SURNAMES, ...TRADES].map((word) =>
  word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, ''),
);

/** The queries that successive keystrokes send for `word`: `s`, `sc`, `sch`, `schr`. */
export function keystrokesFor(word: string, count = MAX_KEYSTROKES): string[] {
  const typed: string[] = [];
  for (let length = 1; length <= Math.min(count, word.length); length++) typed.push(word.slice(0, length));
  return typed;
}

/** A word to type, picked by `random` (a number in [0, 1)). */
export function pickWord(random: number): string {
  return WORDS[Math.floor(random * WORDS.length)] ?? 'contoso';
}

/** Every keystroke query of every word, for timing the search itself. */
export function allKeystrokeQueries(): string[] {
  return [...new Set(WORDS.flatMap((word) => keystrokesFor(word)))];
}
