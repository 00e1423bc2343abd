import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.ts';
import { renderMarkdown } from '../../bench/markdown.ts';
import { DEFAULT_OPTIONS, parseOptions } from '../../bench/options.ts';
import { buildReport } from '../../bench/report.ts';

/** Every row the benchmark prints; the figures themselves are not checked, because this is no timing test. */
const ROW_IDS = [
  'ack.command.p50',
  'ack.command.p99',
  'ack.command.app.p99',
  'ack.shortcut.p50',
  'ack.shortcut.p99',
  'ack.shortcut.app.p99',
  'ack.options.p50',
  'ack.options.p99',
  'ack.options.app.p99',
  'ack.action.p50',
  'ack.action.p99',
  'ack.action.app.p99',
  'ack.view_submission.p50',
  'ack.view_submission.p99',
  'ack.view_submission.app.p99',
  'answer.ticket.p50',
  'answer.ticket.p99',
  'modal.open.p99',
  'form.ready.p99',
  'search.index.p50',
  'search.index.p99',
  'search.cache.p50',
  'search.cache.p99',
  'search.options.p50',
  'search.options.p99',
  'calls.lookup',
  'calls.dropdown.cold',
  'calls.dropdown',
  'calls.create.post',
  'calls.create.all',
  'calls.note.post',
  'calls.note.all',
  'refresh.count',
  'rss.start',
  'rss.filled',
  'rss.peak',
  'heap.peak',
  'cache.list.heap',
  'rss.retained',
  'calls.hour.max',
  'cpu.app',
  'cpu.driver',
  'cpu.sandbox',
  'loop.app.p99',
  'gc.app.max',
  'gc.app.share',
  'loop.driver.p99',
  'machine.load',
];

describe('bench', () => {
  it('reports every row', { timeout: 180_000 }, async () => {
    const options = parseOptions(
      [
        '--users',
        '5',
        '--duration',
        '2',
        '--runs',
        '1',
        '--latency',
        '0',
        '--accounts',
        '300',
        '--think',
        '0.5',
      ],
      {},
    );
    const result = await runBench({ ...options, memoryScopes: 2, refreshCalls: 5 }, () => {});
    const report = buildReport(result);

    expect(report.rows.map((row) => row.id)).toEqual(ROW_IDS);
    for (const row of report.rows) {
      expect(
        row.status === '' || row.value !== undefined || row.status.startsWith('not measured'),
        row.id,
      ).toBe(true);
    }
    expect(report.day.endpoints.length).toBeGreaterThan(0);
    const markdown = renderMarkdown(report);
    for (const row of report.rows) expect(markdown).toContain(row.figure.replace(/\|/g, '\\|'));
  });
});

describe('bench options', () => {
  it('defaults without flags', () => {
    expect(parseOptions([], {})).toEqual(DEFAULT_OPTIONS);
  });

  it('flag over variable', () => {
    const options = parseOptions(['--users=7', '--duration', '2m'], {
      BENCH_USERS: '9',
      BENCH_LATENCY: '120',
    });
    expect(options.users).toBe(7);
    expect(options.durationMs).toBe(120_000);
    expect(options.latencyMs).toBe(120);
  });

  it('mix weights', () => {
    expect(parseOptions(['--mix', 'ticket=1,note=0'], {}).mix).toEqual({ ticket: 1, create: 0, note: 0 });
  });

  it.each([
    [['--users', '0']],
    [['--duration', 'soon']],
    [['--mix', 'ticket=1,coffee=2']],
    [['--mix', 'ticket=0']],
    [['--accounts', '3']],
    [['--speed', '3']],
    [['--runs']],
  ])('rejects %j', (argv) => {
    expect(() => parseOptions(argv, {})).toThrow();
  });
});
