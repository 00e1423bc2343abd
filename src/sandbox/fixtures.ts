/**
 * Facts of the sandbox's seeded data that tests and the README refer to by name. The seed builds
 * its data around these values, so a test that imports them never carries a magic number.
 */

export const SANDBOX_TENANT = 'sandbox';

/** The one password of every sandbox user. */
export const SANDBOX_PASSWORD = 'Sandbox-Passw0rd!';

export interface SandboxUser {
  userName: string;
  userId: number;
  fullName: string;
  email: string;
  /** The user must send an MFA code with each login. */
  requiresMfa: boolean;
  /** Every login of this user fails with "account locked". */
  locked: boolean;
}

export const SANDBOX_USERS = {
  jane: {
    userName: 'jane.doe',
    userId: 101,
    fullName: 'Jane Doe',
    email: 'jane.doe@sandbox-msp.example',
    requiresMfa: false,
    locked: false,
  },
  mfa: {
    userName: 'mfa.tech',
    userId: 102,
    fullName: 'Max Mfa',
    email: 'max.mfa@sandbox-msp.example',
    requiresMfa: true,
    locked: false,
  },
  locked: {
    userName: 'locked.tech',
    userId: 103,
    fullName: 'Lee Locked',
    email: 'lee.locked@sandbox-msp.example',
    requiresMfa: false,
    locked: true,
  },
} as const satisfies Record<string, SandboxUser>;

export const SANDBOX_USER_LIST: readonly SandboxUser[] = Object.values(SANDBOX_USERS);

/** Checks the sandbox MFA rule: six digits whose sum is 21 (123456 and 654321 pass, 111111 fails). */
export function isValidSandboxMfaCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  let sum = 0;
  for (const digit of code) sum += Number(digit);
  return sum === 21;
}

/** One code that passes the MFA rule and one that fails it. */
export const SANDBOX_MFA_CODE = '123456';
export const SANDBOX_WRONG_MFA_CODE = '111111';

/** Error codes of failed logins and refreshes (HTTP 200, `Success: false`). */
export const AUTH_ERROR_CODES = {
  badCredentials: 40101,
  mfaRequired: 40102,
  mfaInvalid: 40103,
  accountLocked: 40104,
  refreshTokenInvalid: 40105,
} as const;

// Tickets.

export const FIRST_TICKET_ID = 10001;
export const DEFAULT_TICKET_COUNT = 5000;
export const DEFAULT_ACCOUNT_COUNT = 2000;
/** Ticket 10001 opens on 2024-01-01 as the first ticket of that day. */
export const FIRST_TICKET_NUMBER = 'T20240101.0001';
/** A seeded ticket of an ordinary account, named in examples (`/bms ticket 12345`). */
export const SAMPLE_TICKET_ID = 12345;
/** An id that no seeded ticket has. */
export const MISSING_TICKET_ID = 99999;

/** Tickets whose title or details try to break chat formatting or markup. */
export const HOSTILE_TICKET_IDS = {
  channelMention: 10002,
  slackMarkup: 10003,
  slackLink: 10004,
  htmlLike: 10005,
  longDetails: 10006,
  userMention: 10007,
  invisibleCharacters: 10008,
} as const;

export const HOSTILE_TITLES = {
  channelMention: '<!channel> server down',
  slackMarkup: '*bold* _it_ ~strike~ `code`',
  slackLink: '<https://evil.example|click here>',
  htmlLike: 'Tom & Jerry <b>',
  longDetails: 'Printer log attached (very long details)',
  userMention: '<@U0123ABCD> <!here> please call back',
  invisibleCharacters: 'Invoice\u202Egnp.exe\u200B\u200B overdue',
} as const;

/** Length of the details of ticket `HOSTILE_TICKET_IDS.longDetails`. */
export const LONG_DETAILS_LENGTH = 3000;

// Accounts and locations.

/** Look-alike accounts that a search for "contoso" returns together. */
export const CONTOSO_ACCOUNT_IDS = { contoso: 1, contosoLtd: 2, contosoOld: 3 } as const;
export const ACCENTED_ACCOUNT_IDS = { cafeDejaVu: 4, mullerSohne: 5 } as const;
/** Id of "Restricted Holdings", which every sandbox user is denied, so its tickets return 403. */
export const RESTRICTED_ACCOUNT_ID = 6;
export const RESTRICTED_TICKET_ID = 10010;

/** Accounts whose id and name never change, whatever the account count. */
export const FIXED_ACCOUNTS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'Contoso' },
  { id: 2, name: 'Contoso Ltd' },
  { id: 3, name: 'Contoso (old)' },
  { id: 4, name: 'Café Déjà Vu' },
  { id: 5, name: 'Müller & Söhne GmbH' },
  { id: 6, name: 'Restricted Holdings' },
  { id: 7, name: 'Tom & Jerry Plumbing' },
  { id: 8, name: 'Ørsted Ålesund AS' },
];

/**
 * Location ids of account A are A*10+1 .. A*10+n (n is 2 to 4), and the first one is the main
 * location. The same names ("Main Office", "Warehouse") recur under many accounts.
 */
export const LOCATIONS_PER_ACCOUNT_STRIDE = 10;

export function mainLocationIdOf(accountId: number): number {
  return accountId * LOCATIONS_PER_ACCOUNT_STRIDE + 1;
}

export function accountIdOfLocation(locationId: number): number {
  return Math.floor(locationId / LOCATIONS_PER_ACCOUNT_STRIDE);
}

// Lookup ids, as the lookup endpoints list them.

export const STATUS_IDS = {
  new: 1,
  open: 2,
  inProgress: 3,
  waitingOnCustomer: 4,
  completed: 5,
  closed: 6,
} as const;

export const PRIORITY_IDS = { low: 1, normal: 2, high: 3, critical: 4 } as const;
export const DEFAULT_PRIORITY_ID = PRIORITY_IDS.normal;

export const QUEUE_IDS = {
  serviceDesk: 1,
  infrastructure: 2,
  projects: 3,
  onboarding: 4,
  archive: 5,
} as const;

export const TICKET_TYPE_IDS = { incident: 1, serviceRequest: 2, problem: 3, change: 4 } as const;
export const TICKET_SOURCE_IDS = { email: 1, phone: 2, portal: 3, chat: 4, monitoring: 5 } as const;
export const NOTE_TYPE_IDS = {
  emailSent: 0,
  emailReceived: 1,
  generalNotes: 2,
  phoneCall: 3,
  resolution: 4,
} as const;
export const ISSUE_TYPE_IDS = { hardware: 1, software: 2, network: 3, account: 4, printing: 5 } as const;
export const WORK_TYPE_IDS = { remote: 1, onSite: 2, travel: 3, afterHours: 4 } as const;

/** Table names of the generic lookup `GET /v2/system/lookup/{tableName}`. */
export const LOOKUP_TABLE_NAMES = {
  ticketTypes: 'TicketTypes',
  ticketSources: 'TicketSources',
  noteTypes: 'NoteTypes',
} as const;

export const TICKET_TEMPLATE_IDS = {
  passwordReset: 1,
  newStarter: 2,
  printerFault: 3,
  blankIncident: 4,
  serverOutage: 5,
} as const;

/** Ticket 10001 carries these two notes, in this order. */
export const FIRST_TICKET_NOTE_IDS = [1, 2] as const;
