import type { BenchResult, RunFigures } from './bench.ts';
import { countOf, totalOf } from './measures/bms-stats.ts';
import { BMS_REQUESTS_PER_HOUR, DAY_MODEL, type DayFigures, modelDay } from './measures/day-model.ts';
import type { Counted, OperationCalls } from './measures/operations.ts';
import type { CacheFill, Operation } from './options.ts';
import type { AckKind } from './samples.ts';
import { median } from './stats.ts';

export type RowStatus = 'PASS' | 'MISS' | '' | 'not measured (flow missing)' | `not measured (${string})`;

export interface ReportRow {
  /** Stable key for scripts that compare results, e.g. `ack.command.p99`. */
  id: string;
  figure: string;
  value?: number;
  unit: 'ms' | 'calls' | 'MB' | 'calls/h' | '%' | 'load';
  target?: string;
  status: RowStatus;
  note?: string;
}

export interface BenchReport {
  rows: ReportRow[];
  day: DayFigures & { model: typeof DAY_MODEL; limit: number };
  result: BenchResult;
}

type Check = (value: number) => boolean;

const MB = 1024 * 1024;
const ACK_TARGET_MS = 50;
const SEARCH_TARGET_MS = 5;
const RSS_TARGET_MB = 200;
/** Slack's trigger ids expire 3 s after the shortcut, so the modal must open within that. */
const TRIGGER_LIFETIME_MS = 3_000;

/** Operations that send each kind of request. A kind is unmeasured when all of its operations are missing. */
const ACK_SOURCES: Record<AckKind, Operation[]> = {
  command: ['ticket'],
  shortcut: ['create', 'note'],
  options: ['create'],
  action: ['create'],
  view_submission: ['create', 'note'],
};

const ACK_LABELS: Record<AckKind, string> = {
  command: 'command (`/bms ticket`)',
  shortcut: 'shortcut (create, note)',
  options: 'options (account type-ahead)',
  action: 'action (account -> locations)',
  view_submission: 'view submission (create, note)',
};

export function buildReport(result: BenchResult): BenchReport {
  const rows: ReportRow[] = [];
  const missing = (operations: readonly Operation[]) =>
    operations.length > 0 && operations.every((operation) => result.missing[operation] !== undefined);
  const fromRuns = (pick: (run: RunFigures) => number | undefined) => median(result.runs.map(pick));

  const row = (
    id: string,
    figure: string,
    unit: ReportRow['unit'],
    value: number | undefined,
    target?: { text: string; check: Check },
    unavailable?: string,
  ): void => {
    let status: RowStatus = '';
    if (unavailable) status = `not measured (${unavailable})`;
    else if (value === undefined) status = 'not measured (no samples)';
    else if (target) status = target.check(value) ? 'PASS' : 'MISS';
    rows.push({ id, figure, unit, value: unavailable ? undefined : value, target: target?.text, status });
  };
  const below = (limit: number, unit: string) => ({
    text: `< ${limit} ${unit}`,
    check: (v: number) => v < limit,
  });
  const exactly = (count: number) => ({ text: `= ${count}`, check: (v: number) => v === count });
  const flowMissing = (operations: readonly Operation[]) =>
    missing(operations) ? 'flow missing' : undefined;

  for (const kind of Object.keys(ACK_SOURCES) as AckKind[]) {
    const gap = flowMissing(ACK_SOURCES[kind]);
    row(
      `ack.${kind}.p50`,
      `ack ${ACK_LABELS[kind]} p50`,
      'ms',
      fromRuns((run) => run.load.acks[kind].p50),
      undefined,
      gap,
    );
    row(
      `ack.${kind}.p99`,
      `ack ${ACK_LABELS[kind]} p99`,
      'ms',
      fromRuns((run) => run.load.acks[kind].p99),
      below(ACK_TARGET_MS, 'ms'),
      gap,
    );
    row(
      `ack.${kind}.app.p99`,
      `ack ${ACK_LABELS[kind]} p99 inside the app`,
      'ms',
      fromRuns((run) => run.processes.appAcks[kind]?.p99),
      undefined,
      gap,
    );
  }

  const lookupCalls = medianOf(
    result.runs.map((run) => run.operations.lookup),
    (calls) => totalOf(calls),
  );
  const bmsWaitMs = lookupCalls === undefined ? undefined : lookupCalls * result.options.latencyMs;
  const net = (value: number | undefined) =>
    value === undefined || bmsWaitMs === undefined ? undefined : value - bmsWaitMs;
  const ticketGap = flowMissing(['ticket']);
  row(
    'answer.ticket.p50',
    '`/bms ticket` to answer, less BMS latency, p50',
    'ms',
    net(fromRuns((run) => run.load.answer.p50)),
    undefined,
    ticketGap,
  );
  row(
    'answer.ticket.p99',
    '`/bms ticket` to answer, less BMS latency, p99',
    'ms',
    net(fromRuns((run) => run.load.answer.p99)),
    undefined,
    ticketGap,
  );
  const modalGap = flowMissing(['create', 'note']);
  row(
    'modal.open.p99',
    'shortcut to modal open p99',
    'ms',
    fromRuns((run) => run.load.modalOpen.p99),
    below(TRIGGER_LIFETIME_MS, 'ms'),
    modalGap,
  );
  row(
    'form.ready.p99',
    'shortcut to form filled in p99',
    'ms',
    fromRuns((run) => run.load.formReady.p99),
    undefined,
    modalGap,
  );

  row(
    'search.index.p50',
    `account search, index alone, p50`,
    'ms',
    median(result.index.map((run) => run.p50Ms)),
  );
  row(
    'search.index.p99',
    `account search, index alone, p99`,
    'ms',
    median(result.index.map((run) => run.p99Ms)),
    below(SEARCH_TARGET_MS, 'ms'),
  );
  row(
    'search.cache.p50',
    'account search in the app cache p50',
    'ms',
    fromRuns((run) => run.search.cache.p50),
  );
  row(
    'search.cache.p99',
    'account search in the app cache p99',
    'ms',
    fromRuns((run) => run.search.cache.p99),
    below(SEARCH_TARGET_MS, 'ms'),
  );
  const optionsP = (pick: 'p50' | 'p99') =>
    fromRuns((run) => ('count' in run.search.optionsRequest ? run.search.optionsRequest[pick] : undefined));
  const createGap = flowMissing(['create']);
  row(
    'search.options.p50',
    'options request end-to-end, no load, p50',
    'ms',
    optionsP('p50'),
    undefined,
    createGap,
  );
  row(
    'search.options.p99',
    'options request end-to-end, no load, p99',
    'ms',
    optionsP('p99'),
    below(ACK_TARGET_MS, 'ms'),
    createGap,
  );

  const calls = (name: keyof OperationCalls, measure: (calls: Record<string, number>) => number) =>
    medianOf(
      result.runs.map((run) => run.operations[name]),
      measure,
    );
  const callGap = (name: keyof OperationCalls, operations: readonly Operation[]) =>
    flowMissing(operations) ?? unmeasuredReason(result.runs.map((run) => run.operations[name]));
  row(
    'calls.lookup',
    'BMS calls per `/bms ticket`',
    'calls',
    lookupCalls,
    undefined,
    callGap('lookup', ['ticket']),
  );
  row(
    'calls.dropdown.cold',
    'BMS calls per word typed in the dropdown, no prefix cached',
    'calls',
    calls('coldDropdown', totalOf),
    undefined,
    callGap('coldDropdown', ['create']),
  );
  row(
    'calls.dropdown',
    'BMS calls per warm dropdown interaction',
    'calls',
    calls('warmDropdown', totalOf),
    exactly(0),
    callGap('warmDropdown', ['create']),
  );
  row(
    'calls.create.post',
    'BMS POST per ticket created',
    'calls',
    calls('create', (c) => countOf(c, /^POST \/v2\/servicedesk\/tickets$/)),
    exactly(1),
    callGap('create', ['create']),
  );
  row(
    'calls.create.all',
    'BMS calls per ticket created, all',
    'calls',
    calls('create', totalOf),
    undefined,
    callGap('create', ['create']),
  );
  row(
    'calls.note.post',
    'BMS POST per note added',
    'calls',
    calls('note', (c) => countOf(c, /^POST .*notes$/)),
    exactly(1),
    callGap('note', ['note']),
  );
  row(
    'calls.note.all',
    'BMS calls per note added, all',
    'calls',
    calls('note', totalOf),
    undefined,
    callGap('note', ['note']),
  );

  const refreshes = median(result.refresh.map((run) => ('refreshes' in run ? run.refreshes : undefined)));
  row(
    'refresh.count',
    `token refreshes for ${result.options.refreshCalls} concurrent commands`,
    'calls',
    refreshes,
    exactly(1),
    result.refresh.every((run) => 'missing' in run) ? 'flow missing' : undefined,
  );

  row('rss.start', 'app RSS after start', 'MB', result.setup.memoryAtStart.rssBytes / MB);
  row(
    'rss.filled',
    `app RSS after filling ${result.options.memoryScopes} users' lists (${fillName(result.options.fill)})`,
    'MB',
    result.setup.memoryAfterFill.rssBytes / MB,
  );
  row(
    'rss.peak',
    'app peak RSS during the runs, cache full',
    'MB',
    fromRuns((run) => run.memory.peakRssBytes / MB),
    below(RSS_TARGET_MB, 'MB'),
  );
  row(
    'heap.peak',
    'app V8 heap held at its peak during the runs',
    'MB',
    fromRuns((run) => run.memory.peakHeapTotalBytes / MB),
  );
  const { memoryAtStart, memoryAfterFillGc } = result.setup;
  row(
    'cache.list.heap',
    `heap per user's cached lists, ${result.setup.cachedAccounts} accounts (${fillName(result.options.fill)})`,
    'MB',
    (memoryAfterFillGc.heapUsedBytes - memoryAtStart.heapUsedBytes) / MB / result.options.memoryScopes,
  );
  row(
    'rss.retained',
    'app heap in use after the runs and a full GC',
    'MB',
    fromRuns((run) => run.memoryAfterGc.heapUsedBytes / MB),
  );
  const day = modelDay(
    result.options.users,
    medianOperations(result.runs),
    result.setup.coldPerUser,
    result.setup.cachedAccounts,
  );
  const busiest = day.endpoints[0];
  rows.push({
    id: 'calls.hour.max',
    figure: `BMS calls per hour, busiest endpoint, first hour of ${result.options.users} technicians' day`,
    unit: 'calls/h',
    value: busiest?.firstHour,
    target: `< ${BMS_REQUESTS_PER_HOUR}`,
    status:
      busiest === undefined
        ? 'not measured (no calls)'
        : busiest.firstHour < BMS_REQUESTS_PER_HOUR
          ? 'PASS'
          : 'MISS',
    note: busiest?.endpoint,
  });

  const busy = (load: { cpuMs: number; wallMs: number }) => (100 * load.cpuMs) / load.wallMs;
  row(
    'cpu.app',
    'app CPU during the load, % of one core',
    '%',
    fromRuns((run) => busy(run.processes.app)),
  );
  row(
    'cpu.driver',
    'bench driver and fake Slack CPU, % of one core',
    '%',
    fromRuns((run) => busy(run.processes.driver)),
  );
  row(
    'cpu.sandbox',
    'BMS sandbox CPU, % of one core',
    '%',
    fromRuns((run) => busy(run.processes.sandbox)),
  );
  row(
    'loop.app.p99',
    'app event loop delay p99',
    'ms',
    fromRuns((run) => run.processes.app.loopDelayP99Ms),
  );
  row(
    'gc.app.max',
    'app longest GC pause during the load',
    'ms',
    fromRuns((run) => run.processes.app.gcMaxMs),
  );
  row(
    'gc.app.share',
    'app GC time during the load, % of wall time',
    '%',
    fromRuns((run) => (100 * run.processes.app.gcTotalMs) / run.processes.app.wallMs),
  );
  row(
    'loop.driver.p99',
    'bench driver event loop delay p99',
    'ms',
    fromRuns((run) => run.processes.driver.loopDelayP99Ms),
  );
  row(
    'machine.load',
    'machine load average (1 min) during the load',
    'load',
    fromRuns((run) => run.processes.machineLoadAverage),
  );

  return { rows, day: { ...day, model: DAY_MODEL, limit: BMS_REQUESTS_PER_HOUR }, result };
}

/** Computes the median of `measure` over the runs that counted, or undefined when none did. */
function medianOf(
  counted: Counted[],
  measure: (calls: Record<string, number>) => number,
): number | undefined {
  return median(counted.map((entry) => ('calls' in entry ? measure(entry.calls) : undefined)));
}

function unmeasuredReason(counted: Counted[]): string | undefined {
  if (counted.some((entry) => 'calls' in entry)) return undefined;
  const first = counted[0];
  if (!first) return 'no runs';
  return 'missing' in first
    ? 'flow missing'
    : 'failed' in first
      ? `failed: ${first.failed.slice(0, 80)}`
      : undefined;
}

/** Calls per operation with each endpoint's count the median over the runs. */
function medianOperations(runs: RunFigures[]): OperationCalls {
  const names: (keyof OperationCalls)[] = [
    'lookup',
    'coldDropdown',
    'warmDropdown',
    'create',
    'note',
    'sessionStart',
  ];
  const merged = {} as OperationCalls;
  for (const name of names) {
    const counted = runs.map((run) => run.operations[name]);
    const measured = counted.filter((entry): entry is { calls: Record<string, number> } => 'calls' in entry);
    if (measured.length === 0) {
      merged[name] = counted[0] ?? { missing: 'no runs' };
      continue;
    }
    const endpoints = new Set(measured.flatMap((entry) => Object.keys(entry.calls)));
    const calls: Record<string, number> = {};
    for (const endpoint of endpoints)
      calls[endpoint] = median(measured.map((entry) => entry.calls[endpoint] ?? 0)) ?? 0;
    merged[name] = { calls };
  }
  return merged;
}

function fillName(fill: CacheFill): string {
  return fill === 'whole' ? 'whole account lists' : 'as the app keeps them';
}
