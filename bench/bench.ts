import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SANDBOX_USERS } from '../src/sandbox/index.ts';
import type { AccountSearchBenchResult } from './account-search.ts';
import { pause } from './flows/flow.ts';
import { type BenchHarness, startBenchHarness } from './harness.ts';
import { type CallCounts, diffCounts, settledStats } from './measures/bms-stats.ts';
import { type LoadFigures, measureLoad } from './measures/load.ts';
import { measureOperationCalls, type OperationCalls } from './measures/operations.ts';
import { measureRefresh, type RefreshFigures } from './measures/refresh.ts';
import { measureSearch, measureSearchIndex, type SearchFigures } from './measures/search.ts';
import { type BenchOptions, OPERATIONS, type Operation } from './options.ts';
import type { MemoryFigures } from './processes/app.ts';
import { createLoadMeter, type LoadFigures as ProcessLoad } from './processes/load-meter.ts';
import { type AckKind, Samples } from './samples.ts';
import type { Spread } from './stats.ts';
import { runOperation, seededRandom, technicianIds } from './technicians.ts';

/** Every technician logs in as this sandbox user: the sandbox has one plain user, so all share its cache scope. */
const BMS_USER = SANDBOX_USERS.jane.userName;
const PROBE = 'U0BENCHPROBE';
const driverMeter = createLoadMeter();
/** Time the app gets to send its last Slack calls after its last BMS call. */
const SLACK_SETTLE_MS = 500;

export interface RunFigures {
  load: LoadFigures;
  /** CPU and event loop delay of each process during the load phase. */
  processes: {
    app: ProcessLoad;
    sandbox: ProcessLoad;
    /** This process: the simulated technicians, the driver and the fake Slack Web API. */
    driver: ProcessLoad;
    /** Ack times by kind measured inside the app, from a request's headers to the end of its response. */
    appAcks: Partial<Record<AckKind, Spread>>;
    /** Times of the session, store and cache calls the app's listeners made, by `service.method`. */
    appSpans: Record<string, Spread>;
    /** The machine's 1-minute load average, the higher of before and after the load phase. */
    machineLoadAverage: number;
  };
  operations: OperationCalls;
  search: SearchFigures;
  memory: MemoryFigures;
  /** After the load phase and a full garbage collection: what the app retains. */
  memoryAfterGc: MemoryFigures;
}

export interface BenchResult {
  options: BenchOptions;
  startedAt: string;
  durationMs: number;
  setup: {
    loginMs: number;
    fillMs: number;
    /** Active accounts in each cached list (the sandbox hides about one in 60 as inactive). */
    cachedAccounts: number;
    /** BMS calls to load one BMS user's account list and lookup lists from nothing. */
    coldPerUser: CallCounts;
    memoryAtStart: MemoryFigures;
    memoryAfterFill: MemoryFigures;
    /** After filling and a full garbage collection: the lists the cache retains. */
    memoryAfterFillGc: MemoryFigures;
  };
  /** Flows the warm-up found missing, with the app's words. */
  missing: Partial<Record<Operation, string>>;
  index: AccountSearchBenchResult[];
  runs: RunFigures[];
  refresh: RefreshFigures[];
  appLog: { warnings: number; errors: number; lines: string[] };
}

/** Runs the whole benchmark and returns every figure of every run; report.ts turns them into the table. */
export async function runBench(
  options: BenchOptions,
  progress: (line: string) => void,
): Promise<BenchResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();

  progress(`Timing the account search index over ${options.accounts} generated accounts...`);
  const index = Array.from({ length: options.runs }, () => measureSearchIndex(options.accounts));

  progress('Starting the BMS sandbox, the fake Slack Web API and the app...');
  const harness = await startBenchHarness({
    latencyMs: options.latencyMs,
    accounts: options.accounts,
    profileDir: options.profileDir,
    appNodeOptions: options.appNodeOptions,
    appEnv: options.appEnv,
    storeUrl: options.storeUrl,
  });
  try {
    const memoryAtStart = await harness.app.call('memoryAfterGc');
    const technicians = technicianIds(options.users);
    const waitMs = Math.max(30_000, 40 * options.latencyMs);

    progress(`Logging ${technicians.length} technicians in...`);
    const { ms: loginMs } = await harness.app.call('login', {
      identities: [...technicians, PROBE].map((userId) => harness.identity(userId)),
      userName: BMS_USER,
    });

    progress(fillMessage(options));
    const beforeFill = await settledStats(harness, options.latencyMs);
    const fill = await harness.app.call('fillCache', {
      identity: harness.identity(PROBE),
      userName: BMS_USER,
      extraScopes: options.memoryScopes - 1,
      whole: options.fill === 'whole',
    });
    const filled = diffCounts(beforeFill, await settledStats(harness, options.latencyMs));
    const coldPerUser = divideCounts(filled, options.memoryScopes);
    const memoryAfterFill = await harness.app.call('memory');
    const memoryAfterFillGc = await harness.app.call('memoryAfterGc');

    progress('Warming up: every technician runs each operation once...');
    const missing = await warmUp(harness, [...technicians, PROBE], options, waitMs);
    for (const [operation, reason] of Object.entries(missing))
      progress(`  ${operation}: not measured, ${reason}`);

    const runs: RunFigures[] = [];
    for (let run = 0; run < options.runs; run++) {
      progress(
        `Run ${run + 1} of ${options.runs}: ${options.users} technicians for ${options.durationMs / 1000} s...`,
      );
      runs.push(await measureRun(harness, options, { run, technicians, waitMs }));
    }

    progress(
      `Token refresh: ${options.refreshCalls} concurrent commands of one user, ${options.runs} times...`,
    );
    const refresh: RefreshFigures[] = [];
    for (let run = 0; run < options.runs; run++) {
      refresh.push(
        await measureRefresh(harness, {
          userId: `U0BENCHREFRESH${run + 1}`,
          userName: BMS_USER,
          commands: options.refreshCalls,
          latencyMs: options.latencyMs,
          waitMs,
        }),
      );
    }

    return {
      options,
      startedAt,
      durationMs: performance.now() - started,
      setup: {
        loginMs,
        fillMs: fill.ms,
        cachedAccounts: fill.accounts,
        coldPerUser,
        memoryAtStart,
        memoryAfterFill,
        memoryAfterFillGc,
      },
      missing,
      index,
      runs,
      refresh,
      appLog: await harness.app.call('logs'),
    };
  } finally {
    await harness.close();
  }
}

function fillMessage(options: BenchOptions): string {
  if (options.fill === 'app')
    return `Filling the cache: ${options.memoryScopes} BMS users' lists, as the app loads them...`;
  // The cache loads an account list page by page, one page after the other.
  const estimateS = Math.ceil(((options.accounts / 100) * options.latencyMs) / 1000);
  return `Filling the cache: ${options.memoryScopes} BMS users' whole lists of ${options.accounts} accounts (about ${estimateS} s)...`;
}

async function measureRun(
  harness: BenchHarness,
  options: BenchOptions,
  context: { run: number; technicians: string[]; waitMs: number },
): Promise<RunFigures> {
  // Forget the previous run's calls and views, so that waits for a call search a short list. The
  // app first finishes what it still sends (a note's confirmation comes after the form closed).
  await settledStats(harness, options.latencyMs);
  await pause(SLACK_SETTLE_MS);
  harness.fake.reset();

  await harness.app.call('resetPeak');
  await Promise.all([harness.app.call('resetLoad'), harness.sandbox.call('resetLoad')]);
  driverMeter.reset();
  const machineLoadBefore = loadavg()[0] ?? 0;
  const load = await measureLoad(harness, {
    userIds: context.technicians,
    durationMs: options.durationMs,
    thinkMs: options.thinkMs,
    mix: options.mix,
    waitMs: context.waitMs,
    seed: context.run + 1,
  });

  const processes = {
    app: await harness.app.call('load'),
    sandbox: await harness.sandbox.call('load'),
    driver: driverMeter.read(),
    appAcks: await harness.app.call('serverAcks'),
    appSpans: await harness.app.call('spans'),
    machineLoadAverage: Math.max(machineLoadBefore, loadavg()[0] ?? 0),
  };
  const memory = await harness.app.call('memory');
  const memoryAfterGc = await harness.app.call('memoryAfterGc');

  const operations = await measureOperationCalls(harness, {
    latencyMs: options.latencyMs,
    waitMs: context.waitMs,
    probe: PROBE,
    newcomer: `U0BENCHNEW${context.run + 1}`,
    userName: BMS_USER,
  });
  const search = await measureSearch(harness, { userId: PROBE, userName: BMS_USER, waitMs: context.waitMs });
  return { load, processes, operations, search, memory, memoryAfterGc };
}

/** Runs each operation once per technician, so that the runs start with sessions and caches in use. */
async function warmUp(
  harness: BenchHarness,
  technicians: string[],
  options: BenchOptions,
  waitMs: number,
): Promise<Partial<Record<Operation, string>>> {
  const samples = new Samples();
  const operations = OPERATIONS.filter((operation) => options.mix[operation] > 0);
  await Promise.all(
    technicians.map(async (userId, index) => {
      const context = {
        driver: harness.driver,
        fake: harness.fake,
        userId,
        samples,
        random: seededRandom(index + 1),
        waitMs,
      };
      for (const operation of operations) {
        if (!samples.missing.has(operation)) await runOperation(context, operation);
      }
    }),
  );
  return Object.fromEntries(samples.missing);
}

function divideCounts(counts: CallCounts, divisor: number): CallCounts {
  return Object.fromEntries(Object.entries(counts).map(([endpoint, count]) => [endpoint, count / divisor]));
}
