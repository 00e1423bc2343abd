import { runCli } from './cli.ts';

// Setting exitCode instead of calling process.exit lets piped output drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), process, process.env);
