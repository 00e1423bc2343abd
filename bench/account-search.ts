/**
 * Micro-benchmark of the account search behind the account dropdown: builds the index of 20,000
 * generated accounts once, then times single searches for queries a person types keystroke by
 * keystroke. Run with `npx tsx bench/account-search.ts [accounts] [rounds]`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Account } from '../src/bms/index.ts';
import { AccountIndex } from '../src/cache/account-index.ts';

export interface AccountSearchBenchOptions {
  /** Number of generated accounts. Default 20,000. */
  accounts?: number;
  /** Times each query is run after the warm-up. Default 200. */
  rounds?: number;
}

export interface AccountSearchBenchResult {
  accounts: number;
  searches: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Prefixes of what people type, from one letter to whole names, plus misses and phrases of several words. */
const QUERIES = [
  '',
  'c',
  'co',
  'con',
  'cont',
  'contoso',
  'a',
  'e',
  'mu',
  'mül',
  'muller',
  'cafe',
  'smith',
  'plumb',
  'plumbing',
  '& sons',
  'jones plumbing',
  'ltd',
  'zzzz',
  'garcia electrical ltd',
];

const SURNAMES = [
  'Smith',
  'Jones',
  'Garcia',
  'Müller',
  'Nguyen',
  'Okafor',
  'Kowalski',
  'Rossi',
  'Dubois',
  'Haugen',
  'Tanaka',
  'Schmidt',
  'Ivanova',
  'Costa',
  'Andersen',
  'Ólafsson',
  'Brennan',
  'Fischer',
  'Moreau',
  'Lindqvist',
];
const TRADES = [
  'Plumbing',
  'Electrical',
  'Dental',
  'Logistics',
  'Bakery',
  'Consulting',
  'Architects',
  'Motors',
  'Legal',
  'Roofing',
  'Pharmacy',
  'Café',
  'Accounting',
  'Printing',
  'Veterinary',
  'Engineering',
];
const SUFFIXES = ['', ' Ltd', ' GmbH', ' Inc.', ' LLC', ' & Sons', ' AS', ' (old)'];

/** Deterministic names in the three shapes of real account lists, made unique with a number when they repeat. */
export function generateAccounts(count: number): Account[] {
  let seed = 0x2545f491;
  const next = (size: number): number => {
    // xorshift32: enough spread for picking words, and the same list on every run.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % size;
  };
  const pick = (words: readonly string[]): string => words[next(words.length)] as string;

  const seen = new Map<string, number>();
  const accounts: Account[] = [];
  for (let id = 1; id <= count; id++) {
    const shape = next(3);
    let name =
      shape === 0
        ? `${pick(SURNAMES)} ${pick(TRADES)}${pick(SUFFIXES)}`
        : shape === 1
          ? `${pick(SURNAMES)} & ${pick(SURNAMES)}${pick(SUFFIXES)}`
          : `${pick(SURNAMES)}-${pick(SURNAMES)} ${pick(TRADES)}`;
    const repeats = seen.get(name) ?? 0;
    seen.set(name, repeats + 1);
    if (repeats > 0) name = `${name} ${repeats + 1}`;
    accounts.push({ Id: id, Name: name, IsActive: true });
  }
  return accounts;
}

export function runAccountSearchBench(options: AccountSearchBenchOptions = {}): AccountSearchBenchResult {
  const count = options.accounts ?? 20_000;
  const rounds = options.rounds ?? 200;
  const accounts = generateAccounts(count);

  const buildStart = performance.now();
  const index = new AccountIndex(accounts);
  const buildMs = performance.now() - buildStart;

  // Warm-up, so that the JIT has compiled the search before timing starts.
  for (let round = 0; round < 20; round++) {
    for (const query of QUERIES) index.search(query, 100);
  }

  const timings = new Float64Array(rounds * QUERIES.length);
  let sample = 0;
  let found = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      const start = performance.now();
      found += index.search(query, 100).length;
      timings[sample++] = performance.now() - start;
    }
  }
  if (found === 0) throw new Error('No search found anything: the benchmark data or the search is broken.');

  timings.sort();
  return {
    accounts: count,
    searches: timings.length,
    buildMs,
    p50Ms: percentile(timings, 0.5),
    p99Ms: percentile(timings, 0.99),
    maxMs: timings[timings.length - 1] ?? 0,
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

function readCount(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, not "${text}".`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runAccountSearchBench({
    accounts: readCount(process.argv[2], 'accounts'),
    rounds: readCount(process.argv[3], 'rounds'),
  });
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  console.log(`account search over ${result.accounts} accounts, ${result.searches} searches`);
  console.log(`index build ${ms(result.buildMs)}`);
  console.log(`p50 ${ms(result.p50Ms)}  p99 ${ms(result.p99Ms)}  max ${ms(result.maxMs)}`);
}
