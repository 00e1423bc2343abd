import type { Account } from '../bms/index.ts';
import { foldName } from '../services/name-matching.ts';
import { SmallestKeys } from './top-k.ts';

/** Slack's maximum number of options in one external select response. */
export const MAX_SEARCH_RESULTS = 100;

/** Match tiers, best first. */
const WORD_PREFIX = 0;
const SUBSTRING = 1;
const ALL_WORDS = 2;

/** Separates names in the folded text; foldName turns every line break into a space, so no name or query contains it. */
const NAME_SEPARATOR = '\n';
/** Name lengths above this rank equal, which keeps the length inside its bits of the ranking key. */
const MAX_RANKED_LENGTH = 4095;
const TIER_FACTOR = MAX_RANKED_LENGTH + 1;
/** The alphabetical position takes the low 32 bits of the ranking key. */
const POSITION_FACTOR = 2 ** 32;

/** IsActive as one byte per account. */
const ACTIVE_UNKNOWN = 0;
const ACTIVE_NO = 1;
const ACTIVE_YES = 2;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The account list of one scope, sorted alphabetically, with what the search needs built once:
 * the folded names joined into one text and where each name starts. A search runs native
 * `indexOf` over that text and ranks hits in a bounded heap, so a keystroke neither allocates per
 * account nor sorts the whole list.
 *
 * The app keeps one index per recently used BMS user, each of up to tens of thousands of
 * accounts, so the index keeps no object per account. Ids, names and IsActive are in flat arrays
 * and one string, and Account objects are built only for the results. An account's other fields
 * (BMS sends TenantName) are not kept.
 */
export class AccountIndex {
  private readonly ids: Float64Array;
  private readonly activity: Uint8Array;
  /** Every account's name as BMS sent it, concatenated in index order. */
  private readonly names: string;
  /** Offset of each name in `names`, plus one entry past the end. */
  private readonly nameOffsets: Int32Array;
  /** The folded names, in index order, each followed by NAME_SEPARATOR. */
  private readonly text: string;
  /** Offset of each folded name in `text`, plus one entry past the end, so that name `i` ends at `textStarts[i + 1] - 1`. */
  private readonly textStarts: Int32Array;
  private readonly best = new SmallestKeys(MAX_SEARCH_RESULTS);

  constructor(accounts: readonly Account[]) {
    const entries = accounts.map((account) => ({ account, folded: foldName(account.Name) }));
    entries.sort((a, b) => compareText(a.folded, b.folded) || a.account.Id - b.account.Id);

    const count = entries.length;
    this.ids = new Float64Array(count);
    this.activity = new Uint8Array(count);
    this.nameOffsets = new Int32Array(count + 1);
    this.textStarts = new Int32Array(count + 1);
    let nameOffset = 0;
    let textOffset = 0;
    entries.forEach(({ account, folded }, position) => {
      this.ids[position] = account.Id;
      this.activity[position] = activityOf(account.IsActive);
      this.nameOffsets[position] = nameOffset;
      this.textStarts[position] = textOffset;
      nameOffset += account.Name.length;
      textOffset += folded.length + NAME_SEPARATOR.length;
    });
    this.nameOffsets[count] = nameOffset;
    this.textStarts[count] = textOffset;
    // join builds flat strings, so the per-account strings above can be collected.
    this.names = entries.map((entry) => entry.account.Name).join('');
    this.text = entries.map((entry) => entry.folded + NAME_SEPARATOR).join('');
  }

  get size(): number {
    return this.ids.length;
  }

  /** Every account, alphabetically, as new objects on each call: meant for listing, not for keystrokes. */
  get accounts(): Account[] {
    return Array.from({ length: this.size }, (_, position) => this.accountAt(position));
  }

  /** Returns the account with this id, or undefined. It scans every account, so it suits single look-ups, not loops. */
  byId(id: number): Account | undefined {
    const position = this.ids.indexOf(id);
    return position < 0 ? undefined : this.accountAt(position);
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
    if (folded === '') {
      return Array.from({ length: Math.min(count, this.size) }, (_, position) => this.accountAt(position));
    }

    this.best.reset(count);
    const words = [...new Set(folded.split(' '))];
    // Every phrase match outranks an all-words match, so the second pass only runs when room is left.
    const phraseMatches = words.length > 1 ? new Uint8Array(this.size) : undefined;
    this.collectPhraseMatches(folded, phraseMatches);
    if (phraseMatches && !this.best.isFull) this.collectAllWordsMatches(words, phraseMatches);

    return Array.from(this.best.sorted(), (key) => this.accountAt(key % POSITION_FACTOR));
  }

  private accountAt(position: number): Account {
    const account: Account = {
      Id: this.ids[position] as number,
      Name: this.names.slice(this.nameOffsets[position], this.nameOffsets[position + 1]),
    };
    const activity = this.activity[position];
    if (activity !== ACTIVE_UNKNOWN) account.IsActive = activity === ACTIVE_YES;
    return account;
  }

  /** Offers every account whose folded name contains `phrase`, as a word prefix or a substring; marks them in `matched`. */
  private collectPhraseMatches(phrase: string, matched: Uint8Array | undefined): void {
    const { text, textStarts } = this;
    let position = 0;
    let from = 0;
    for (;;) {
      let hit = text.indexOf(phrase, from);
      if (hit < 0) return;
      // Hits come in ascending order, so the owning name only ever moves forward.
      while ((textStarts[position + 1] as number) <= hit) position++;
      const nameEnd = (textStarts[position + 1] as number) - NAME_SEPARATOR.length;

      // A later hit in the same name may start a word ("mac" in "Tomac Mac"), which ranks higher.
      let tier = SUBSTRING;
      while (hit >= 0 && hit < nameEnd) {
        if (startsWord(text, hit)) {
          tier = WORD_PREFIX;
          break;
        }
        hit = text.indexOf(phrase, hit + 1);
      }
      this.offer(position, tier);
      if (matched) matched[position] = 1;
      from = nameEnd + NAME_SEPARATOR.length;
    }
  }

  /**
   * Offers accounts that contain each word of a query of several words, but not the query as one
   * phrase. One pass over the text per word counts, per name, the words it contains.
   */
  private collectAllWordsMatches(words: readonly string[], phraseMatches: Uint8Array): void {
    const { text, textStarts } = this;
    const wordsFound = new Uint8Array(this.size);
    for (const word of words) {
      let position = 0;
      let from = 0;
      for (;;) {
        const hit = text.indexOf(word, from);
        if (hit < 0) break;
        while ((textStarts[position + 1] as number) <= hit) position++;
        wordsFound[position] = (wordsFound[position] as number) + 1;
        // Count each name once per word: go on from the next name.
        from = textStarts[position + 1] as number;
      }
    }
    for (let position = 0; position < this.size; position++) {
      if (wordsFound[position] === words.length && phraseMatches[position] === 0)
        this.offer(position, ALL_WORDS);
    }
  }

  private offer(position: number, tier: number): void {
    const folded = (this.textStarts[position + 1] as number) - (this.textStarts[position] as number) - 1;
    const length = Math.min(folded, MAX_RANKED_LENGTH);
    this.best.offer((tier * TIER_FACTOR + length) * POSITION_FACTOR + position);
  }
}

/** True where a word starts: at a name's start, or after a character that is not a letter or digit. */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  // Folded names are mostly ASCII: decide those without the regular expression.
  if (before < 0x80) {
    const isDigit = before >= 0x30 && before <= 0x39;
    const isLetter = (before >= 0x61 && before <= 0x7a) || (before >= 0x41 && before <= 0x5a);
    return !isDigit && !isLetter;
  }
  // After a surrogate pair, read the whole character that ends before `at`.
  const isLowSurrogate = before >= 0xdc00 && before <= 0xdfff;
  const start = isLowSurrogate && at >= 2 ? at - 2 : at - 1;
  return !WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(start) ?? before));
}

function activityOf(isActive: boolean | null | undefined): number {
  if (isActive === true) return ACTIVE_YES;
  if (isActive === false) return ACTIVE_NO;
  return ACTIVE_UNKNOWN;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
