import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';

/**
 * Accounts, locations and lookup lists kept between runs in BMS_CACHE_FILE, so that resolving a
 * name costs no BMS call while the lists are younger than BMS_CACHE_TTL. Each user on each host
 * has lists of their own, because BMS shows each user only the accounts they may see.
 */
export interface CacheFile {
  /**
   * Returns the list stored under `key` when it is younger than the lifetime, else loads it with
   * `load` and stores it. `refresh` loads it whatever its age.
   */
  read<Value>(
    key: string,
    schema: z.ZodType<Value>,
    load: () => Promise<Value>,
    refresh?: boolean,
  ): Promise<Value>;
}

export interface CacheScope {
  apiBase: string;
  tenant: string;
  userName: string;
}

const CACHE_FILE_VERSION = 1;

const entrySchema = z.object({ loadedAt: z.number(), value: z.unknown() });
type Entry = z.infer<typeof entrySchema>;

const cacheFileSchema = z.object({
  version: z.literal(CACHE_FILE_VERSION),
  scopes: z.record(z.string(), z.record(z.string(), entrySchema)),
});
type CacheContent = z.infer<typeof cacheFileSchema>;

/** The cache contains no secrets, but account names are the MSP's customer list. */
const CACHE_FILE_MODE = 0o600;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function scopeKey(scope: CacheScope): string {
  return [scope.apiBase, scope.tenant.toLowerCase(), scope.userName.toLowerCase()].join(' ');
}

/** A file that cannot be read as a cache (another version, or damaged) is replaced on the next write. */
function parseContent(text: string | undefined): CacheContent {
  const empty: CacheContent = { version: CACHE_FILE_VERSION, scopes: {} };
  if (text === undefined) return empty;
  try {
    const parsed = cacheFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : empty;
  } catch {
    return empty;
  }
}

export interface CacheFileOptions {
  path: string;
  scope: CacheScope;
  ttlMs: number;
  clock: Clock;
  logger: Logger;
}

export function openCacheFile(options: CacheFileOptions): CacheFile {
  const { path, scope, ttlMs, clock, logger } = options;
  let content: Promise<CacheContent> | undefined;
  const key = scopeKey(scope);

  function isFresh(entry: Entry): boolean {
    const age = clock() - entry.loadedAt;
    return age >= 0 && age < ttlMs;
  }

  /** Keeps the file from growing with the locations of every account ever looked at. */
  function dropExpired(cache: CacheContent): void {
    for (const [scopeName, entries] of Object.entries(cache.scopes)) {
      const fresh = Object.entries(entries).filter(([, entry]) => isFresh(entry));
      if (fresh.length === 0) delete cache.scopes[scopeName];
      else cache.scopes[scopeName] = Object.fromEntries(fresh);
    }
  }

  /** Loads in progress by list name, so that lookups of one list in parallel share one BMS call. */
  const loading = new Map<string, Promise<unknown>>();
  let writing: Promise<void> = Promise.resolve();

  function readOnce(): Promise<CacheContent> {
    content ??= readFileIfExists(path).then(parseContent, (error: unknown) => {
      logger.warn('Cannot read the cache file', { path, error: errorMessage(error) });
      return parseContent(undefined);
    });
    return content;
  }

  async function loadAndStore<Value>(name: string, load: () => Promise<Value>): Promise<Value> {
    const cache = await readOnce();
    const value = await load();
    cache.scopes[key] = { ...(cache.scopes[key] ?? {}), [name]: { loadedAt: clock(), value } };
    dropExpired(cache);
    // One write at a time, each of the whole cache as it is then, so that the last write has every list.
    writing = writing
      .then(() => writeFileAtomic(path, JSON.stringify(cache), CACHE_FILE_MODE))
      .catch((error) => {
        // The cache only saves BMS calls: the command goes on, and the next run loads the list again.
        logger.warn('Cannot write the cache file', {
          path,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    await writing;
    return value;
  }

  return {
    async read<Value>(
      name: string,
      schema: z.ZodType<Value>,
      load: () => Promise<Value>,
      refresh = false,
    ): Promise<Value> {
      const cache = await readOnce();
      const entries = cache.scopes[key] ?? {};
      const entry = entries[name];
      if (entry && !refresh && isFresh(entry)) {
        const stored = schema.safeParse(entry.value);
        if (stored.success) return stored.data;
      }

      const running = loading.get(name) as Promise<Value> | undefined;
      if (running) return running;
      const started = loadAndStore(name, load).finally(() => loading.delete(name));
      loading.set(name, started);
      return started;
    },
  };
}
