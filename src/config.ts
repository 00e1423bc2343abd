import { z } from 'zod';

/**
 * Reads the environment through one zod schema. A wrong or missing value stops start-up with
 * one ConfigError whose message lists every problem and how to fix each, so an operator fixes
 * them all in one go instead of one per restart.
 */

export const DEFAULT_BMS_API_BASE = 'https://api.bms.kaseya.com';
export const DEFAULT_NOTE_TYPES = '0:Email Sent,1:Email Received,2:General Notes,3:Phone Call,4:Resolution';

export interface NoteType {
  id: number;
  name: string;
}

export interface Config {
  slack: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    port: number;
  };
  bms: {
    /** A URL, or `sandbox` for the embedded sandbox. */
    apiBase: string;
    tenant?: string;
    ticketUrl?: string;
    noteTypes: NoteType[];
    cacheTtlMs: number;
    timeoutMs: number;
    requestsPerHour: number;
  };
  vault: { key: Buffer; oldKeys: Buffer[] };
  storeUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `bms-slack cannot start; fix these settings (see README.md, "Settings"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `24h`, `30m`, `90s`, `1d`, `500ms`; a bare number is seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!match?.[1]) return undefined;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = DURATION_UNITS_MS[unit];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}

/** Parses `id:name,id:name`. */
export function parseNoteTypes(text: string): NoteType[] | undefined {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const noteTypes: NoteType[] = [];
  for (const entry of entries) {
    const match = /^(\d+)\s*:\s*(.+)$/.exec(entry);
    if (!match?.[1] || !match[2]) return undefined;
    noteTypes.push({ id: Number(match[1]), name: match[2].trim() });
  }
  return noteTypes.length > 0 ? noteTypes : undefined;
}

/** Decodes a base64 vault key; undefined unless it is exactly 32 bytes. */
export function decodeVaultKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const httpUrl = (setting: string, hint: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s]+$/.test(value), `${setting} must be an http(s) URL; ${hint}`);

const environmentSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({
      error:
        'SLACK_BOT_TOKEN is missing: create the app from manifest.yml, install it to the workspace, then copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions',
    })
    .trim()
    .refine(
      (value) => value.startsWith('xoxb-'),
      'SLACK_BOT_TOKEN must start with xoxb-: copy the Bot User OAuth Token from OAuth & Permissions, not a user or app-level token',
    ),
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    'SLACK_APP_TOKEN must start with xapp-: create an app-level token with the connections:write scope under Basic Information > App-Level Tokens, or unset it to run over HTTP',
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(
    httpUrl(
      'SLACK_API_URL',
      'leave it unset to use Slack, or point it at a fake Web API such as http://127.0.0.1:4020/api/',
    ).optional(),
  ),
  PORT: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? '3000' : value.trim()))
    .refine(
      (value) => /^\d+$/.test(value) && Number(value) <= 65_535,
      'PORT must be a port number from 0 to 65535, e.g. PORT=3000',
    )
    .transform(Number),
  BMS_API_BASE: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim().replace(/\/+$/, '') : DEFAULT_BMS_API_BASE))
    .refine(
      (value) => value === 'sandbox' || /^https?:\/\/[^\s/]+$/.test(value),
      'BMS_API_BASE must be a host URL without a path (the app adds /v2/... itself), such as https://api.bms.kaseya.com (US), https://api.bmsemea.kaseya.com (EMEA), https://api.bmsapac.kaseya.com (APAC), or the word sandbox',
    ),
  BMS_TENANT: optionalText,
  BMS_TICKET_URL: optionalText.refine(
    (value) => value === undefined || (/^https?:\/\//.test(value) && /\{(id|number)\}/.test(value)),
    'BMS_TICKET_URL must be an http(s) URL containing {id} or {number}, e.g. https://bms.example.com/tickets/{id}',
  ),
  BMS_NOTE_TYPES: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value : DEFAULT_NOTE_TYPES))
    .transform((value, context) => {
      const parsed = parseNoteTypes(value);
      if (!parsed) {
        context.addIssue({
          code: 'custom',
          message: `BMS_NOTE_TYPES must be id:name pairs separated by commas, e.g. ${DEFAULT_NOTE_TYPES}`,
        });
        return z.NEVER;
      }
      return parsed;
    }),
  BMS_VAULT_KEY: z
    .string({
      error: 'BMS_VAULT_KEY is missing: run `npm run keygen` and set BMS_VAULT_KEY to the key it prints',
    })
    .transform((value, context) => {
      const key = decodeVaultKey(value);
      if (!key) {
        context.addIssue({
          code: 'custom',
          message:
            'BMS_VAULT_KEY must be 32 bytes encoded as base64 (44 characters): run `npm run keygen` for a new one',
        });
        return z.NEVER;
      }
      return key;
    }),
  BMS_VAULT_OLD_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      const parts = (value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const keys: Buffer[] = [];
      for (const [index, part] of parts.entries()) {
        const key = decodeVaultKey(part);
        if (!key) {
          context.addIssue({
            code: 'custom',
            message: `BMS_VAULT_OLD_KEYS entry ${index + 1} is not a 32-byte base64 key: list the previous BMS_VAULT_KEY values, separated by commas`,
          });
          return z.NEVER;
        }
        keys.push(key);
      }
      return keys;
    }),
  BMS_STORE_URL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : 'sqlite://data/bms-slack.sqlite'))
    .refine(
      (value) => /^(sqlite:\/\/.+|rediss?:\/\/.+|postgres(ql)?:\/\/.+)$/.test(value),
      'BMS_STORE_URL must be sqlite://PATH, redis://HOST:PORT or postgres://USER@HOST/DB, e.g. sqlite://data/bms-slack.sqlite',
    ),
  BMS_CACHE_TTL: z
    .string()
    .optional()
    .transform((value, context) => {
      const milliseconds = parseDuration(value?.trim() ? value : '24h');
      if (milliseconds === undefined || milliseconds <= 0) {
        context.addIssue({
          code: 'custom',
          message: 'BMS_CACHE_TTL must be a duration such as 24h, 30m or 90s',
        });
        return z.NEVER;
      }
      return milliseconds;
    }),
  BMS_TIMEOUT: z
    .string()
    .optional()
    .transform((value, context) => {
      const milliseconds = parseDuration(value?.trim() ? value : '15s');
      if (milliseconds === undefined || milliseconds <= 0) {
        context.addIssue({
          code: 'custom',
          message: 'BMS_TIMEOUT must be a duration such as 15s or 500ms',
        });
        return z.NEVER;
      }
      return milliseconds;
    }),
  BMS_REQUESTS_PER_HOUR: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : '1500'))
    .refine(
      (value) => /^\d+$/.test(value) && Number(value) > 0,
      'BMS_REQUESTS_PER_HOUR must be a whole number above 0, e.g. 1500',
    )
    .transform(Number),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim().toLowerCase() : 'info'))
    .pipe(
      z.enum(['debug', 'info', 'warn', 'error'], {
        error: 'LOG_LEVEL must be one of debug, info, warn, error',
      }),
    ),
});

/** Problems that involve two settings; checked on the raw environment so they are reported beside all others. */
function crossSettingProblems(environment: NodeJS.ProcessEnv): string[] {
  const hasAppToken = Boolean(environment.SLACK_APP_TOKEN?.trim());
  const hasSigningSecret = Boolean(environment.SLACK_SIGNING_SECRET?.trim());
  if (hasAppToken || hasSigningSecret) return [];
  return [
    'SLACK_SIGNING_SECRET is missing: HTTP mode needs it (Basic Information > App Credentials > Signing Secret); or set SLACK_APP_TOKEN to use Socket Mode',
  ];
}

/** Builds the Config from an environment, or throws one ConfigError listing every problem. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(environment);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => issue.message)),
    ...crossSettingProblems(environment),
  ];
  if (!result.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  const env = result.data;
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT,
    },
    bms: {
      apiBase: env.BMS_API_BASE,
      tenant: env.BMS_TENANT,
      ticketUrl: env.BMS_TICKET_URL,
      noteTypes: env.BMS_NOTE_TYPES,
      cacheTtlMs: env.BMS_CACHE_TTL,
      timeoutMs: env.BMS_TIMEOUT,
      requestsPerHour: env.BMS_REQUESTS_PER_HOUR,
    },
    vault: { key: env.BMS_VAULT_KEY, oldKeys: env.BMS_VAULT_OLD_KEYS },
    storeUrl: env.BMS_STORE_URL,
    logLevel: env.LOG_LEVEL,
  };
}
