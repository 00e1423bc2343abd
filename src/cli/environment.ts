import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import {
  DEFAULT_BMS_API_BASE,
  DEFAULT_NOTE_TYPES,
  type NoteType,
  parseDuration,
  parseNoteTypes,
} from '../config.ts';
import type { LogLevel } from '../log.ts';
import { usageError } from './exit-codes.ts';

/**
 * The settings of the `bms` command, from the environment variables the earlier BMS command
 * line used. Sign-in settings are read here but checked only when a login needs them, so that
 * help, `auth status` and warm-cache reads work without them.
 */
export interface CliSettings {
  /** A URL without a trailing slash, or `sandbox` for a sandbox started inside this process. */
  apiBase: string;
  tenant?: string;
  userName?: string;
  password?: string;
  mfaCode?: string;
  tokenFile: string;
  cacheFile: string;
  cacheTtlMs: number;
  timeoutMs: number;
  /** Note types for when the tenant's lookup fails. */
  noteTypes: NoteType[];
  logLevel: LogLevel;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_CACHE_TTL = '24h';
const DEFAULT_TIMEOUT = '15s';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function text(environment: Environment, name: string): string | undefined {
  const value = environment[name]?.trim();
  return value ? value : undefined;
}

/** Expands a leading `~/`, which a shell leaves alone inside quotes, and makes the path absolute. */
function filePath(value: string, home: string): string {
  const expanded = value === '~' || value.startsWith('~/') ? join(home, value.slice(1)) : value;
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

function duration(environment: Environment, name: string, fallback: string, example: string): number {
  const milliseconds = parseDuration(text(environment, name) ?? fallback);
  if (milliseconds === undefined || milliseconds <= 0) {
    throw usageError(`${name} must be a duration such as ${example}, not "${environment[name]}".`);
  }
  return milliseconds;
}

function apiBase(environment: Environment): string {
  const value = (text(environment, 'BMS_API_BASE') ?? DEFAULT_BMS_API_BASE).replace(/\/+$/, '');
  if (value === 'sandbox' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(value)) return value;
  throw usageError(
    `BMS_API_BASE must be a URL such as ${DEFAULT_BMS_API_BASE}, or the word sandbox, not "${value}".`,
  );
}

function logLevel(environment: Environment): LogLevel {
  const value = (text(environment, 'LOG_LEVEL') ?? 'warn').toLowerCase();
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw usageError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`);
  return level;
}

/** Reads every setting; throws a usage error (exit status 2) for a value of the wrong form. */
export function readSettings(environment: Environment, home = homedir()): CliSettings {
  const noteTypes = parseNoteTypes(text(environment, 'BMS_NOTE_TYPES') ?? DEFAULT_NOTE_TYPES);
  if (!noteTypes) {
    throw usageError(`BMS_NOTE_TYPES must be id:name pairs separated by commas, e.g. ${DEFAULT_NOTE_TYPES}.`);
  }
  return {
    apiBase: apiBase(environment),
    tenant: text(environment, 'BMS_TENANT'),
    userName: text(environment, 'BMS_USERNAME'),
    // A password may start or end with spaces, so it is taken as set.
    password: environment.BMS_PASSWORD ? environment.BMS_PASSWORD : undefined,
    mfaCode: text(environment, 'BMS_MFA_CODE'),
    tokenFile: filePath(text(environment, 'BMS_TOKEN_FILE') ?? '~/.bms_token.json', home),
    cacheFile: filePath(text(environment, 'BMS_CACHE_FILE') ?? '~/.cache/bms-slack/cache.json', home),
    cacheTtlMs: duration(environment, 'BMS_CACHE_TTL', DEFAULT_CACHE_TTL, '24h or 30m'),
    timeoutMs: duration(environment, 'BMS_TIMEOUT', DEFAULT_TIMEOUT, '15s or 500ms'),
    noteTypes,
    logLevel: logLevel(environment),
  };
}

const MISSING_SETTING_HINTS = {
  BMS_TENANT: 'the BMS tenant (company) name you sign in with',
  BMS_USERNAME: 'your BMS user name',
  BMS_PASSWORD: 'your BMS password',
} as const;

export type SignInSetting = keyof typeof MISSING_SETTING_HINTS;

/** Returns a sign-in setting, or throws a usage error that names the variable to set. */
export function requireSetting(value: string | undefined, name: SignInSetting): string {
  if (value !== undefined) return value;
  throw usageError(
    `${name} is not set: bms needs it to sign in to BMS. Set it to ${MISSING_SETTING_HINTS[name]}, e.g. export ${name}=...`,
  );
}
