import { expect } from 'vitest';
import { UNKNOWN_ERROR_TEXT } from '../../src/slack/error-text.ts';

/**
 * The columns of the fault matrix: what goes wrong between the app and BMS, and the sentence
 * the user must read for it. Each row file (test/faults/*.test.ts) runs its flows against
 * these columns.
 */

/** Sandbox faults, as `POST /__sandbox/faults` takes them. */
export type SandboxFault =
  | 'http500'
  | 'html'
  | '429'
  | 'timeout'
  | 'drop'
  | 'malformed-json'
  | 'success-false';

/**
 * `revoked`: every token of the BMS user is revoked mid-flow, with the password remembered, so
 * the app can renew the session by itself. `lost-reply`: BMS carries a write out and its response
 * never comes; only write rows have this column. `timeout-once`: the first request times out and
 * the retry succeeds; read rows have it in place of `timeout`.
 */
export type FaultColumn = SandboxFault | 'revoked' | 'lost-reply' | 'timeout-once';

/** The columns every row runs. */
export const FAULT_COLUMNS: readonly FaultColumn[] = [
  'http500',
  'html',
  '429',
  'timeout',
  'drop',
  'malformed-json',
  'success-false',
  'revoked',
];

/** Write rows add the fault in which the write happens and the app cannot know it. */
export const WRITE_COLUMNS: readonly FaultColumn[] = [...FAULT_COLUMNS, 'lost-reply'];

/**
 * Read rows: a read that times out is tried four times, about 4 s at the matrix's timeout, so
 * read rows check that one timeout is retried and the retry succeeds. The `ticket` row and every write
 * row keep the timeout that persists, whose sentence equals the dropped connection's.
 */
export const READ_COLUMNS: readonly FaultColumn[] = FAULT_COLUMNS.map((column) =>
  column === 'timeout' ? 'timeout-once' : column,
);

/** Every column, for giving each its own test data. */
export const ALL_COLUMNS: readonly FaultColumn[] = [...WRITE_COLUMNS, 'timeout-once'];

/** What the user reads for each sandbox fault, from src/slack/error-text.ts. */
export const FAULT_SENTENCES: Readonly<Record<SandboxFault, RegExp>> = {
  http500: /BMS failed with a server error\. Try again in a few minutes/,
  html: /BMS failed with a server error\. Try again in a few minutes/,
  '429': /BMS is limiting requests right now\. Try again in 1 second\./,
  timeout: /The app could not reach BMS: the connection failed or timed out\./,
  drop: /The app could not reach BMS: the connection failed or timed out\./,
  'malformed-json': /BMS sent an answer the app could not read\./,
  // The sandbox's Success:false message is shown as BMS gave it.
  'success-false': /The request could not be completed \(injected sandbox fault\)\./,
};

/** Text a user must never read: internals, serialisation slips and the catch-all sentence. */
const LEAKS: ReadonlyArray<[RegExp, string]> = [
  [/\bat \S+ \(?\S+:\d+:\d+\)?/, 'a stack frame'],
  [
    /\b(TypeError|RangeError|ReferenceError|SyntaxError|ZodError|BmsError|SessionError)\b/,
    'an error class name',
  ],
  [/\{\s*"\w+"\s*:|"\w+"\s*:\s*["{[]/, 'raw JSON'],
  [/\bundefined\b/, '"undefined"'],
  [/\[object \w+\]/, '"[object ...]"'],
  [/\bNaN\b/, '"NaN"'],
  [/<!DOCTYPE|<html|<\/?body/i, 'an HTML page'],
  [/\/v2\/\w+/, 'a BMS endpoint path'],
  [/(Bearer|AccessToken|RefreshToken)\b/, 'a token name'],
  [/\bthe item\b/, 'the vague "the item"'],
];

/**
 * Checks one text the user reads: no stack trace, no raw JSON, no "undefined" or
 * "[object Object]", no HTML, no endpoint, and not the catch-all sentence when the failure's
 * kind is known.
 */
export function expectReadable(text: string, where: string): void {
  for (const [pattern, name] of LEAKS) {
    expect(pattern.test(text), `${where} shows ${name}: ${text.slice(0, 300)}`).toBe(false);
  }
  expect(text, `${where} falls back to the unknown-error sentence`).not.toContain(UNKNOWN_ERROR_TEXT);
}
