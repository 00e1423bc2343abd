import type { Account } from '../bms/index.ts';
import { foldName } from '../services/name-matching.ts';
import { SmallestKeys } from './top-k.ts';

/** Slack's maximum number of options in one external select response. */
export const MAX_SEARCH_RESULTS = 100;

/** Match tiers, best first. */
const WORD_PREFIX = 0;
const SUBSTRING = 1;
const ALL_WORDS = 2;

/** Separates names in the joined text; foldName turns every line break into a space, so no name contains it. */
const NAME_SEPARATOR = '\n';
/** Name lengths above this rank equal, which keeps the length inside its bits of the ranking key. */
const MAX_RANKED_LENGTH = 4095;
const TIER_FACTOR = MAX_RANKED_LENGTH + 1;
/** The alphabetical position takes the low 32 bits of the ranking key. */
const POSITION_FACTOR = 2 ** 32;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The account list of one scope, sorted alphabetically, with what the search needs built once:
 * the folded names joined into one text, where each name starts, and which positions start a word.
 * A search then runs native `indexOf` over that text and ranks hits in a bounded heap, so a
 * keystroke neither allocates per account nor sorts the whole list.
 */
export class AccountIndex {
  /** Accounts sorted by folded name, then by id. */
  readonly accounts: readonly Account[];
  private readonly foldedNames: readonly string[];
  private readonly text: string;
  /** Offset of each name in `text`, plus one entry past the end, so that name `i` ends at `nameStarts[i + 1] - 1`. */
  private readonly nameStarts: Int32Array;
  /** 1 where a word starts in `text`: at each name's start and after any character that is not a letter or digit. */
  private readonly wordStarts: Uint8Array;
  private readonly best = new SmallestKeys(MAX_SEARCH_RESULTS);

  constructor(accounts: readonly Account[]) {
    const entries = accounts.map((account) => ({ account, folded: foldName(account.Name) }));
    entries.sort((a, b) => compareText(a.folded, b.folded) || a.account.Id - b.account.Id);
    this.accounts = entries.map((entry) => entry.account);
    this.foldedNames = entries.map((entry) => entry.folded);
    this.text = this.foldedNames.join(NAME_SEPARATOR);

    this.nameStarts = new Int32Array(entries.length + 1);
    this.wordStarts = new Uint8Array(this.text.length + 1);
    let offset = 0;
    this.foldedNames.forEach((name, index) => {
      this.nameStarts[index] = offset;
      for (let position = 0; position < name.length; position++) {
        const startsWord = position === 0 || !WORD_CHARACTER.test(name.charAt(position - 1));
        if (startsWord) this.wordStarts[offset + position] = 1;
      }
      offset += name.length + NAME_SEPARATOR.length;
    });
    // One past the separator that would follow the last name, so that every name ends at nameStarts[i + 1] - 1.
    this.nameStarts[entries.length] = offset;
  }

  get size(): number {
    return this.accounts.length;
  }

  /**
   * Finds accounts whose name contains `query`, ignoring case and accents. A match at the start
   * of a word ranks above one inside a word. Below both rank names that contain every word of a
   * query of several words, but in another order. Within a tier, shorter names come first, then
   * alphabetical order. An empty query returns the first `limit` accounts alphabetically, and
   * `limit` is capped at 100.
   */
  search(query: string, limit: number = MAX_SEARCH_RESULTS): Account[] {
    const count = Math.max(0, Math.min(Math.floor(limit), MAX_SEARCH_RESULTS));
    const folded = foldName(query);
    if (count === 0) return [];
    if (folded === '') return this.accounts.slice(0, count);

    this.best.reset(count);
    this.collectPhraseMatches(folded);
    const words = folded.split(' ');
    // Every phrase match outranks an all-words match, so the second pass only runs when room is left.
    if (words.length > 1 && !this.best.isFull) this.collectAllWordsMatches(folded, words);

    const keys = this.best.sorted();
    const results: Account[] = [];
    for (const key of keys) {
      const account = this.accounts[key % POSITION_FACTOR];
      if (account) results.push(account);
    }
    return results;
  }

  /** Offers every account whose folded name contains `phrase`, as a word prefix or a substring. */
  private collectPhraseMatches(phrase: string): void {
    const { text, nameStarts, wordStarts } = this;
    let position = 0;
    let from = 0;
    for (;;) {
      let hit = text.indexOf(phrase, from);
      if (hit < 0) return;
      // Hits come in ascending order, so the owning name only ever moves forward.
      while ((nameStarts[position + 1] as number) <= hit) position++;
      const nameEnd = (nameStarts[position + 1] as number) - NAME_SEPARATOR.length;

      // A later hit in the same name may start a word ("mac" in "Tomac Mac"), which ranks higher.
      let tier = SUBSTRING;
      while (hit >= 0 && hit < nameEnd) {
        if (wordStarts[hit] === 1) {
          tier = WORD_PREFIX;
          break;
        }
        hit = text.indexOf(phrase, hit + 1);
      }
      this.offer(position, tier);
      from = nameEnd + NAME_SEPARATOR.length;
    }
  }

  /** Offers accounts that contain each word of a query of several words, but not the query as one phrase. */
  private collectAllWordsMatches(phrase: string, words: readonly string[]): void {
    const names = this.foldedNames;
    for (let position = 0; position < names.length; position++) {
      const name = names[position] as string;
      if (name.includes(phrase)) continue;
      let containsAll = true;
      for (const word of words) {
        if (!name.includes(word)) {
          containsAll = false;
          break;
        }
      }
      if (containsAll) this.offer(position, ALL_WORDS);
    }
  }

  private offer(position: number, tier: number): void {
    const length = Math.min((this.foldedNames[position] as string).length, MAX_RANKED_LENGTH);
    this.best.offer((tier * TIER_FACTOR + length) * POSITION_FACTOR + position);
  }
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
