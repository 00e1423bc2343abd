import type { Account, Location } from '../bms/index.ts';
import type { AccountDirectory } from './account-directory.ts';
import { foldName } from './name-matching.ts';
import { parseBmsId } from './ticket-reference.ts';

export type Resolution<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not_found' | 'ambiguous' | 'invalid'; message: string; choices: T[] };

const MAX_CHOICES_SHOWN = 10;

function listChoices(items: { Id: number; Name?: string | null }[]): string {
  return items
    .slice(0, MAX_CHOICES_SHOWN)
    .map((item) => `${item.Name ?? '(no name)'} (id ${item.Id})`)
    .join(', ');
}

/**
 * Finds one account by id or by name. A name must match one account exactly (ignoring case and
 * accents); when it matches several, or only partly matches, the result lists the choices so
 * that the person can retype with an id.
 */
export async function resolveAccount(
  directory: AccountDirectory,
  idOrName: string,
): Promise<Resolution<Account>> {
  const text = idOrName.trim();

  if (/^#?\d+$/.test(text)) {
    const parsed = parseBmsId(text, 'account');
    if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.message, choices: [] };
    const id = parsed.id;
    const account = directory.findAccount
      ? await directory.findAccount(id)
      : (await directory.listAccounts()).find((candidate) => candidate.Id === id);
    if (account) return { ok: true, value: account };
    return {
      ok: false,
      reason: 'not_found',
      message: `No account with id ${parsed.id} is visible to you in BMS.`,
      choices: [],
    };
  }

  const wanted = foldName(text);
  if (wanted === '') {
    return {
      ok: false,
      reason: 'invalid',
      message: 'The account is missing: type its name or id.',
      choices: [],
    };
  }
  const accounts = directory.findAccountsNamed
    ? await directory.findAccountsNamed(text)
    : await directory.listAccounts();
  const exact = accounts.filter((account) => foldName(account.Name ?? '') === wanted);
  if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0] };
  if (exact.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `${exact.length} accounts are named "${text}": ${listChoices(exact)}. Use the id instead.`,
      choices: exact,
    };
  }
  const partial = accounts.filter((account) => foldName(account.Name ?? '').includes(wanted));
  if (partial.length === 1 && partial[0]) return { ok: true, value: partial[0] };
  if (partial.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `"${text}" matches ${partial.length} accounts: ${listChoices(partial)}${partial.length > MAX_CHOICES_SHOWN ? ', ...' : ''}. Type the full name or the id.`,
      choices: partial,
    };
  }
  return {
    ok: false,
    reason: 'not_found',
    message: `No account named "${text}" is visible to you in BMS.`,
    choices: [],
  };
}

/**
 * Finds a location of one account, by id or by name. Location names repeat across accounts
 * ("Main Office"), so a location is only ever looked up within its account.
 */
export async function resolveLocation(
  directory: AccountDirectory,
  accountId: number,
  idOrName: string,
): Promise<Resolution<Location>> {
  const text = idOrName.trim();
  const locations = await directory.locationsOf(accountId);

  if (/^#?\d+$/.test(text)) {
    const parsed = parseBmsId(text, 'location');
    if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.message, choices: [] };
    const location = locations.find((candidate) => candidate.Id === parsed.id);
    if (location) return { ok: true, value: location };
    return {
      ok: false,
      reason: 'not_found',
      message: `Location ${parsed.id} does not belong to account ${accountId}. Its locations are: ${listChoices(locations)}.`,
      choices: locations,
    };
  }

  const wanted = foldName(text);
  const matches = locations.filter((location) => foldName(location.Name ?? '') === wanted);
  if (matches.length === 1 && matches[0]) return { ok: true, value: matches[0] };
  if (matches.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `Account ${accountId} has ${matches.length} locations named "${text}": ${listChoices(matches)}. Use the id instead.`,
      choices: matches,
    };
  }
  return {
    ok: false,
    reason: 'not_found',
    message: `Account ${accountId} has no location named "${text}". Its locations are: ${listChoices(locations)}.`,
    choices: locations,
  };
}

/** The account's main location, or its first when BMS marks none as main. */
export function mainLocation(locations: Location[]): Location | undefined {
  return locations.find((location) => location.IsMain) ?? locations[0];
}
