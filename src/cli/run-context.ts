import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { loadNoteTypes, type ServiceContext } from '../services/index.ts';
import { type CacheScope, openCacheFile } from './cache-file.ts';
import { type CliDirectory, createCliDirectory } from './directory.ts';
import type { CliSettings } from './environment.ts';
import { createProgress } from './progress.ts';
import type { CliSession } from './session.ts';
import type { Terminal } from './terminal.ts';

/** The result of a command, printed as JSON for `--json` or as text for a person. */
export interface CommandOutput {
  value: unknown;
  text(): string;
}

export interface CliServices {
  context: ServiceContext;
  directory: CliDirectory;
}

/** Everything a command runner needs; nothing here calls BMS until a runner requests data. */
export interface RunContext {
  terminal: Terminal;
  settings: CliSettings;
  session: CliSession;
  clock: Clock;
  logger: Logger;
  json: boolean;
  /** The services' context over the lazily signed-in API, with accounts and lookups from the cache file. */
  services(): Promise<CliServices>;
}

export function createRunContext(base: Omit<RunContext, 'services'>): RunContext {
  let services: Promise<CliServices> | undefined;

  /** Returns whose cache to use: the configured user's, or the stored session's user when none is configured. */
  async function cacheScope(): Promise<CacheScope> {
    const { settings, session } = base;
    if (settings.tenant && settings.userName) {
      return { apiBase: settings.apiBase, tenant: settings.tenant, userName: settings.userName };
    }
    const known = (await session.stored()) ?? (await session.ensure());
    return { apiBase: settings.apiBase, tenant: known.tenant, userName: known.userName };
  }

  async function build(): Promise<CliServices> {
    const { settings, session, clock, logger, terminal, json } = base;
    const cache = openCacheFile({
      path: settings.cacheFile,
      scope: await cacheScope(),
      ttlMs: settings.cacheTtlMs,
      clock,
      logger,
    });
    const directory = createCliDirectory({
      cache,
      api: session.api,
      // Called only after `context` below exists: the note types load on first use.
      loadNoteTypes: () => loadNoteTypes(context, settings.noteTypes),
      progress: createProgress(terminal.stderr, !json),
    });
    const context: ServiceContext = { api: session.api, clock, logger, directory };
    return { context, directory };
  }

  return {
    ...base,
    services: () => {
      services ??= build();
      return services;
    },
  };
}
