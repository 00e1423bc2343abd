/**
 * The app under test in a process of its own: the real runtime (SQLite store in a temporary
 * folder, BMS client, vault, sessions, cache) and the Bolt app in HTTP mode on a free port.
 * It is configured as in production except for three things: the endpoints (the fake Slack Web
 * API and the BMS sandbox), the clock (movable, for token expiry) and the client throttle
 * (BENCH_REQUESTS_PER_HOUR in harness.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BmsApi } from '../../src/bms/index.ts';
import { LOOKUP_KINDS, type UserCache } from '../../src/cache/index.ts';
import type { Clock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { createRuntime } from '../../src/runtime.ts';
import {
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USER_LIST,
} from '../../src/sandbox/index.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { testConfig } from '../../test/fakes/slack-harness.ts';
import { announceReady, serveRpc } from '../rpc.ts';
import { type Spread, spreadOf } from '../stats.ts';
import { createLoadMeter, type LoadFigures } from './load-meter.ts';
import { createServerAcks } from './server-acks.ts';
import { createSpans } from './spans.ts';

export interface AppProcessOptions {
  slackApiUrl: string;
  botToken: string;
  bmsBaseUrl: string;
  /** The client throttle's requests per hour and endpoint; see BENCH_REQUESTS_PER_HOUR in harness.ts. */
  requestsPerHour: number;
  /** The store URL; a SQLite file in a temporary folder when absent. */
  storeUrl?: string;
}

export interface AppProcessReady {
  port: number;
}

export interface MemoryFigures {
  rssBytes: number;
  /** Highest RSS sampled (every 50 ms and at each read) since the last resetPeak. */
  peakRssBytes: number;
  heapUsedBytes: number;
  /** Memory V8 holds for its heap, used or not. */
  heapTotalBytes: number;
  peakHeapTotalBytes: number;
  /** Memory of C++ objects bound to JavaScript ones, Buffers included. */
  externalBytes: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as AppProcessOptions;
const folder = mkdtempSync(join(tmpdir(), 'bms-slack-bench-'));

let clockOffsetMs = 0;
const clock: Clock = () => Date.now() + clockOffsetMs;

// Warnings and errors are kept for the report instead of printed, so that the table stays readable.
const MAX_KEPT_LINES = 20;
const logCounts = { warn: 0, error: 0 };
const keptLines: string[] = [];
const logger = createLogger('warn', (line) => {
  if (/ ERROR /.test(line)) logCounts.error++;
  else logCounts.warn++;
  if (keptLines.length < MAX_KEPT_LINES) keptLines.push(line);
});

const base = testConfig({ botToken: options.botToken, url: options.slackApiUrl });
const config = {
  ...base,
  bms: { ...base.bms, apiBase: options.bmsBaseUrl, requestsPerHour: options.requestsPerHour },
  storeUrl: options.storeUrl ?? `sqlite://${join(folder, 'store.sqlite')}`,
  logLevel: 'warn' as const,
};

const runtime = await createRuntime({ config, logger, clock, bmsBaseUrl: options.bmsBaseUrl });
const spans = createSpans();
const slack = createSlackApp({ config, logger, clock, services: spans.instrument(runtime.services) });
const { port } = await slack.start(0);
if (port === undefined)
  throw new Error('The Slack app started without an HTTP port; the bench needs HTTP mode.');

const loadMeter = createLoadMeter();
const serverAcks = createServerAcks();
/** Highest values sampled since the last resetPeak; the heap's is kept to tell V8's share of a peak from native memory. */
const peak = { rss: 0, heapTotal: 0 };
const sampleMemory = (): NodeJS.MemoryUsage => {
  const usage = process.memoryUsage();
  peak.rss = Math.max(peak.rss, usage.rss);
  peak.heapTotal = Math.max(peak.heapTotal, usage.heapTotal);
  return usage;
};
sampleMemory();
setInterval(sampleMemory, 50).unref();

function memoryFigures(): MemoryFigures {
  const usage = sampleMemory();
  return {
    rssBytes: usage.rss,
    peakRssBytes: peak.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    peakHeapTotalBytes: peak.heapTotal,
    externalBytes: usage.external,
  };
}

/** BMS user ids of the extra cache scopes: far above the sandbox's users, so no scope is shared by accident. */
const EXTRA_SCOPE_BASE_ID = 1_000_000;
/** Logins in flight at once, so that hundreds of technicians do not all wait on the same 32 connections. */
const LOGIN_CONCURRENCY = 25;

function sandboxUser(userName: string) {
  const user = SANDBOX_USER_LIST.find((candidate) => candidate.userName === userName);
  if (!user) throw new Error(`${userName} is not a sandbox user.`);
  return user;
}

function scopeCache(scope: number, identity: SlackIdentity): UserCache {
  const { cache, sessions } = runtime.services;
  return cache.forUser(
    { tenant: SANDBOX_TENANT, bmsUserId: scope },
    (): Promise<BmsApi> => sessions.api(identity),
  );
}

/**
 * Loads one user's lists. With `whole`, the account list is loaded whole whatever its size.
 * Otherwise the cache decides as it does for the form, so a large tenant's list is kept as a mark only.
 */
async function loadScope(cache: UserCache, whole: boolean): Promise<number> {
  for (const kind of LOOKUP_KINDS) await cache.lookup(kind);
  if (whole) return (await cache.accounts()).value.length;
  const list = (await cache.accountList()).value;
  return list.large ? (list.total ?? 0) : list.accounts.length;
}

/** Searches the first pass of `searchAccounts` runs at once. */
const WARM_SEARCHES_AT_ONCE = 8;

export const appHandlers = {
  /** Logs each identity in to BMS through the session manager, as the login modal would. */
  login: async (params: { identities: SlackIdentity[]; userName: string }): Promise<{ ms: number }> => {
    const user = sandboxUser(params.userName);
    const started = performance.now();
    const queue = [...params.identities];
    const worker = async () => {
      for (let identity = queue.shift(); identity; identity = queue.shift()) {
        await runtime.services.sessions.login(identity, {
          tenant: SANDBOX_TENANT,
          userName: user.userName,
          password: SANDBOX_PASSWORD,
          mfaCode: user.requiresMfa ? SANDBOX_MFA_CODE : undefined,
          rememberPassword: true,
        });
      }
    };
    await Promise.all(Array.from({ length: LOGIN_CONCURRENCY }, worker));
    return { ms: performance.now() - started };
  },

  /**
   * Loads the account list and every lookup list of the identity's BMS user, and of `extraScopes`
   * other BMS users (loaded with the same identity's token), all at once.
   */
  fillCache: async (params: {
    identity: SlackIdentity;
    userName: string;
    extraScopes: number;
    whole: boolean;
  }): Promise<{ ms: number; accounts: number }> => {
    const started = performance.now();
    const scopes = [sandboxUser(params.userName).userId];
    for (let index = 1; index <= params.extraScopes; index++) scopes.push(EXTRA_SCOPE_BASE_ID + index);
    const counts = await Promise.all(
      scopes.map((scope) => loadScope(scopeCache(scope, params.identity), params.whole)),
    );
    return { ms: performance.now() - started, accounts: counts[0] ?? 0 };
  },

  /** Reloads the user's account list decision, which also makes every cached account search of the user stale. */
  forgetAccountSearches: async (params: { identity: SlackIdentity; userName: string }): Promise<void> => {
    await scopeCache(sandboxUser(params.userName).userId, params.identity).refresh('accounts');
  },

  /** Times searchAccounts of the user's cache, as the account dropdown calls it, for each query `rounds` times. */
  searchAccounts: async (params: {
    identity: SlackIdentity;
    userName: string;
    queries: string[];
    rounds: number;
  }): Promise<Spread> => {
    const cache = scopeCache(sandboxUser(params.userName).userId, params.identity);
    // The first pass fills the cache. On a large tenant each query is a BMS search, so this pass
    // runs several at a time. The timed rounds below run one at a time.
    const queue = [...params.queries];
    const warm = async () => {
      for (let query = queue.shift(); query !== undefined; query = queue.shift())
        await cache.searchAccounts(query, 100);
    };
    await Promise.all(Array.from({ length: WARM_SEARCHES_AT_ONCE }, warm));
    const timings: number[] = [];
    for (let round = 0; round < params.rounds; round++) {
      for (const query of params.queries) {
        const started = performance.now();
        await cache.searchAccounts(query, 100);
        timings.push(performance.now() - started);
      }
    }
    return spreadOf(timings);
  },

  advanceClock: async (params: { ms: number }): Promise<void> => {
    clockOffsetMs += params.ms;
  },

  memory: async (): Promise<MemoryFigures> => {
    return memoryFigures();
  },

  resetPeak: async (): Promise<void> => {
    const usage = process.memoryUsage();
    peak.rss = usage.rss;
    peak.heapTotal = usage.heapTotal;
  },

  resetLoad: async (): Promise<void> => {
    loadMeter.reset();
    serverAcks.reset();
    spans.reset();
  },

  /** Times of the service calls listeners made since resetLoad, by `service.method`. */
  spans: async (): Promise<Record<string, Spread>> => spans.read(),

  /** Ack times measured inside the app since resetLoad, by the kind the bench named in each request. */
  serverAcks: async (): Promise<Record<string, Spread>> => serverAcks.read(),

  load: async (): Promise<LoadFigures> => loadMeter.read(),

  /**
   * Collects garbage (the bench starts this process with --expose-gc) and returns the memory
   * still in use. Compared with the peak RSS, it separates retained memory from garbage.
   */
  memoryAfterGc: async (): Promise<MemoryFigures> => {
    const collect = (globalThis as { gc?: () => void }).gc;
    collect?.();
    return memoryFigures();
  },

  logs: async (): Promise<{ warnings: number; errors: number; lines: string[] }> => ({
    warnings: logCounts.warn,
    errors: logCounts.error,
    lines: [...keptLines],
  }),
};

export type AppHandlers = typeof appHandlers;

serveRpc(appHandlers, async () => {
  await slack.stop();
  await runtime.close();
  rmSync(folder, { recursive: true, force: true });
});
announceReady({ port } satisfies AppProcessReady);
