import { FIXED_ACCOUNTS, LOCATIONS_PER_ACCOUNT_STRIDE } from './fixtures.ts';
import {
  GIVEN_NAMES,
  LEGAL_SUFFIXES,
  MAIN_LOCATION_NAMES,
  OTHER_LOCATION_NAMES,
  SURNAMES,
  TRADES,
} from './names.ts';
import { createPrng, type Prng } from './prng.ts';
import type { AccountRecord, ContactRecord, LocationRecord } from './records.ts';

/** Accounts, their locations and contacts. Nothing writes to them, so they are built once per sandbox. */
export interface AccountDirectory {
  accounts: ReadonlyMap<number, AccountRecord>;
  /** All accounts sorted by name, the order of the account lookup. */
  accountsByName: readonly AccountRecord[];
  locations: ReadonlyMap<number, LocationRecord>;
  locationsByAccount: ReadonlyMap<number, readonly LocationRecord[]>;
  contacts: ReadonlyMap<number, ContactRecord>;
  contactsByAccount: ReadonlyMap<number, readonly ContactRecord[]>;
}

const ACCOUNT_SEED = 0x5eed_acc0;
/** About one generated account in 60 is inactive, so that the WithInactiveAccounts filter has work. */
const INACTIVE_SHARE = 1 / 60;

export function buildAccountDirectory(accountCount: number): AccountDirectory {
  if (accountCount < FIXED_ACCOUNTS.length) {
    throw new Error(`The sandbox needs at least ${FIXED_ACCOUNTS.length} accounts, got ${accountCount}.`);
  }
  const prng = createPrng(ACCOUNT_SEED);
  const accounts = new Map<number, AccountRecord>();
  const usedNames = new Set<string>();

  for (const fixed of FIXED_ACCOUNTS) {
    accounts.set(fixed.id, { id: fixed.id, name: fixed.name, code: accountCode(fixed.id), isActive: true });
    usedNames.add(fixed.name.toLowerCase());
  }
  for (let id = FIXED_ACCOUNTS.length + 1; id <= accountCount; id++) {
    const name = uniqueName(generateAccountName(prng), usedNames);
    accounts.set(id, { id, name, code: accountCode(id), isActive: !prng.chance(INACTIVE_SHARE) });
  }

  const locations = new Map<number, LocationRecord>();
  const locationsByAccount = new Map<number, LocationRecord[]>();
  const contacts = new Map<number, ContactRecord>();
  const contactsByAccount = new Map<number, ContactRecord[]>();
  for (const account of accounts.values()) {
    const accountLocations = generateLocations(prng, account.id);
    locationsByAccount.set(account.id, accountLocations);
    for (const location of accountLocations) locations.set(location.id, location);

    const accountContacts = generateContacts(prng, account, accountLocations);
    contactsByAccount.set(account.id, accountContacts);
    for (const contact of accountContacts) contacts.set(contact.id, contact);
  }

  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  const accountsByName = [...accounts.values()].sort(
    (a, b) => collator.compare(a.name, b.name) || a.id - b.id,
  );
  return { accounts, accountsByName, locations, locationsByAccount, contacts, contactsByAccount };
}

function accountCode(id: number): string {
  return `ACC${String(id).padStart(5, '0')}`;
}

function generateAccountName(prng: Prng): string {
  const pattern = prng.int(0, 2);
  const suffix = prng.pick(LEGAL_SUFFIXES);
  if (pattern === 0) return `${prng.pick(SURNAMES)} ${prng.pick(TRADES)}${suffix}`;
  if (pattern === 1) return `${prng.pick(SURNAMES)} & ${prng.pick(SURNAMES)}${suffix}`;
  return `${prng.pick(SURNAMES)}-${prng.pick(SURNAMES)} ${prng.pick(TRADES)}`;
}

/** Names repeat once the word lists run out; a number keeps each account name unique. */
function uniqueName(name: string, usedNames: Set<string>): string {
  let candidate = name;
  for (let n = 2; usedNames.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
  usedNames.add(candidate.toLowerCase());
  return candidate;
}

function generateLocations(prng: Prng, accountId: number): LocationRecord[] {
  const count = prng.int(2, 4);
  const base = accountId * LOCATIONS_PER_ACCOUNT_STRIDE;
  const otherNames = [...OTHER_LOCATION_NAMES];
  const locations: LocationRecord[] = [
    { id: base + 1, accountId, name: prng.pick(MAIN_LOCATION_NAMES), isMain: true, phone: phoneNumber(prng) },
  ];
  for (let index = 2; index <= count; index++) {
    const nameIndex = prng.int(0, otherNames.length - 1);
    const [name] = otherNames.splice(nameIndex, 1);
    locations.push({
      id: base + index,
      accountId,
      name: name ?? 'Branch',
      isMain: false,
      phone: phoneNumber(prng),
    });
  }
  return locations;
}

function generateContacts(prng: Prng, account: AccountRecord, locations: LocationRecord[]): ContactRecord[] {
  const count = prng.int(1, 3);
  const domain = `${account.code.toLowerCase()}.example`;
  const contacts: ContactRecord[] = [];
  for (let index = 1; index <= count; index++) {
    const given = prng.pick(GIVEN_NAMES);
    const surname = prng.pick(SURNAMES);
    const location = prng.pick(locations);
    contacts.push({
      id: account.id * LOCATIONS_PER_ACCOUNT_STRIDE + index,
      accountId: account.id,
      locationId: location.id,
      name: `${given} ${surname}`,
      phone: phoneNumber(prng),
      email: `contact${index}@${domain}`,
    });
  }
  return contacts;
}

function phoneNumber(prng: Prng): string {
  return `+1 555 ${String(prng.int(100, 999))} ${String(prng.int(1000, 9999))}`;
}
