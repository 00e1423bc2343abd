import { cpus } from 'node:os';
import type { BenchReport, ReportRow } from './report.ts';

function formatValue(row: ReportRow): string {
  if (row.value === undefined) return '-';
  const { value, unit } = row;
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'calls/h') return `${Math.round(value).toLocaleString('en-US')} calls/h`;
  if (unit === '%') return `${value.toFixed(0)} %`;
  if (unit === 'load') return value.toFixed(1);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Renders the report as Markdown: the figures with their targets, the calls per hour per endpoint, and notes. */
export function renderMarkdown(report: BenchReport): string {
  const { result, day } = report;
  const { options, setup } = result;
  const cpu = cpus();
  const mix = Object.entries(options.mix)
    .map(([operation, weight]) => `${operation}=${weight}`)
    .join(',');
  const lines: string[] = [
    '## bms-slack benchmark',
    '',
    `${options.users} technicians, ${options.runs} runs of ${options.durationMs / 1000} s, BMS latency ${options.latencyMs} ms, ` +
      `${options.accounts} accounts (${setup.cachedAccounts} active, 2 to 4 locations each), mix ${mix}, ` +
      `think time ${options.thinkMs / 1000} s. Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}. ` +
      `Figures are medians of the runs; the whole bench took ${Math.round(result.durationMs / 1000)} s.`,
    '',
    '| Figure | Value | Target | Result |',
    '| --- | ---: | --- | --- |',
  ];
  for (const row of report.rows) {
    const figure = row.note ? `${row.figure} (${row.note})` : row.figure;
    lines.push(`| ${cell(figure)} | ${formatValue(row)} | ${cell(row.target ?? '')} | ${row.status} |`);
  }

  const model = day.model;
  lines.push(
    '',
    `### BMS calls per hour per endpoint, ${day.technicians} technicians' day`,
    '',
    `Each technician, a BMS user of their own, works ${model.hours} hours: ${model.lookups} lookups, ${model.creates} tickets ` +
      `created, ${model.notes} notes, ${model.accountsOpened} accounts whose locations are opened, a token refresh every 59 minutes. ` +
      `The first hour adds every login and every BMS user's account list and lookup lists (cached 24 hours). ` +
      `Above ${day.limit} calls per hour, the client throttle makes requests wait up to 30 s for a free slot, then fails them as rate limited.`,
    '',
    '| Endpoint | Per day | Average hour | First hour | Result |',
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const endpoint of day.endpoints) {
    const status = endpoint.firstHour < day.limit ? 'PASS' : 'MISS';
    lines.push(
      `| \`${endpoint.endpoint}\` | ${Math.round(endpoint.perDay)} | ${Math.round(endpoint.averageHour)} | ${Math.round(endpoint.firstHour)} | ${status} |`,
    );
  }
  if (day.unmeasured.length > 0)
    lines.push('', `Not in the model because their flows are missing: ${day.unmeasured.join(', ')}.`);

  lines.push('', ...notes(report));
  return `${lines.join('\n')}\n`;
}

function notes(report: BenchReport): string[] {
  const { result } = report;
  const lines: string[] = ['### Notes', ''];
  for (const [operation, reason] of Object.entries(result.missing))
    lines.push(`- ${operation}: not measured, ${reason}.`);

  const failures = new Map<string, { count: number; examples: Set<string> }>();
  for (const run of result.runs) {
    for (const [operation, entry] of Object.entries(run.load.failures)) {
      if (!entry) continue;
      const merged = failures.get(operation) ?? { count: 0, examples: new Set<string>() };
      merged.count += entry.count;
      for (const example of entry.examples) merged.examples.add(example);
      failures.set(operation, merged);
    }
  }
  const completed = (operation: string) =>
    result.runs.reduce(
      (sum, run) => sum + (run.load.completed[operation as keyof typeof run.load.completed] ?? 0),
      0,
    );
  for (const operation of ['ticket', 'create', 'note']) {
    const failed = failures.get(operation);
    lines.push(
      `- ${operation}: ${completed(operation)} completed in the runs${failed ? `, ${failed.count} failed: ${[...failed.examples].join('; ')}` : ''}.`,
    );
  }
  const { appLog } = result;
  lines.push(`- The app logged ${appLog.warnings} warnings and ${appLog.errors} errors.`);
  for (const line of appLog.lines.slice(0, 5)) lines.push(`  - \`${line.slice(0, 300)}\``);
  return lines;
}
