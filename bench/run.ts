/**
 * `npm run bench`: drives simulated technicians through the app's real receiver against the BMS
 * sandbox and the fake Slack Web API, prints a Markdown table of the figures with their targets,
 * and writes the same figures as JSON to bench/results/<timestamp>.json. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from './bench.ts';
import { renderMarkdown } from './markdown.ts';
import { parseOptions, usage } from './options.ts';
import { buildReport } from './report.ts';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const options = parseOptions(argv, process.env);
  const result = await runBench(options, (line) => process.stderr.write(`${line}\n`));
  const report = buildReport(result);
  process.stdout.write(renderMarkdown(report));

  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`Figures written to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
