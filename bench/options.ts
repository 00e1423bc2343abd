/**
 * Settings of `npm run bench`, from flags (`--users 200`) or environment variables
 * (`BENCH_USERS=200`); a flag wins over the variable.
 */

export const OPERATIONS = ['ticket', 'create', 'note'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Relative weights of the operations a technician picks; `ticket=4,create=3,note=3` picks a lookup 40% of the time. */
export type OperationMix = Record<Operation, number>;

export interface BenchOptions {
  /** Simulated technicians, each a Slack user with a BMS session. */
  users: number;
  /** Length of the load phase of one run, in ms. */
  durationMs: number;
  /** Runs; each figure is the median of the runs. */
  runs: number;
  /** Delay the BMS sandbox adds to every request, in ms. */
  latencyMs: number;
  /** Accounts seeded in the sandbox and so cached per BMS user. */
  accounts: number;
  mix: OperationMix;
  /** Mean pause of a technician between two operations, in ms; each pause is drawn uniformly from 0.5x to 1.5x. */
  thinkMs: number;
  /** Users' account lists loaded into the app's cache before the runs; 16 fills the cache's in-memory slots. */
  memoryScopes: number;
  /**
   * The way those lists are loaded. `app` loads them as the app does, so a large tenant's list is
   * not kept whole and its accounts are searched by name in BMS. `whole` loads every list whole,
   * the memory's worst case.
   */
  fill: CacheFill;
  /** Concurrent commands of one user that meet an expiring token. */
  refreshCalls: number;
  /** Folder of the JSON results. */
  outDir: string;
  /** Folder for a CPU profile of the app (node --cpu-prof); none when undefined. */
  profileDir?: string;
  /** Node options added to the app process, for experiments such as `--max-old-space-size=160`. */
  appNodeOptions: string[];
  /** Environment variables added to the app process, for experiments such as `UV_THREADPOOL_SIZE=16`. */
  appEnv: Record<string, string>;
  /** The app's store URL (BMS_STORE_URL); a SQLite file in a temporary folder when undefined. */
  storeUrl?: string;
}

export type CacheFill = 'app' | 'whole';

export const DEFAULT_OPTIONS: BenchOptions = {
  users: 200,
  durationMs: 60_000,
  runs: 3,
  latencyMs: 300,
  accounts: 20_000,
  mix: { ticket: 4, create: 3, note: 3 },
  thinkMs: 5_000,
  memoryScopes: 16,
  fill: 'app',
  refreshCalls: 50,
  outDir: 'bench/results',
  appNodeOptions: [],
  appEnv: {},
};

interface Setting {
  flag: string;
  env: string;
  help: string;
  apply(options: BenchOptions, text: string): void;
}

const SETTINGS: Setting[] = [
  {
    flag: 'users',
    env: 'BENCH_USERS',
    help: 'simulated technicians (default 200)',
    apply: (options, text) => {
      options.users = readCount(text, 'users');
    },
  },
  {
    flag: 'duration',
    env: 'BENCH_DURATION',
    help: 'load phase of each run: 60, 60s, 2m or 500ms; a bare number is seconds (default 60s)',
    apply: (options, text) => {
      options.durationMs = readDuration(text, 'duration');
    },
  },
  {
    flag: 'runs',
    env: 'BENCH_RUNS',
    help: 'runs; figures are their medians (default 3)',
    apply: (options, text) => {
      options.runs = readCount(text, 'runs');
    },
  },
  {
    flag: 'latency',
    env: 'BENCH_LATENCY',
    help: 'delay of every BMS sandbox request in ms (default 300)',
    apply: (options, text) => {
      options.latencyMs = readWholeNumber(text, 'latency');
    },
  },
  {
    flag: 'accounts',
    env: 'BENCH_ACCOUNTS',
    help: 'accounts in the sandbox, at least 8 (default 20000)',
    apply: (options, text) => {
      const accounts = readCount(text, 'accounts');
      if (accounts < 8)
        throw new Error(`accounts must be at least 8, the sandbox's fixed accounts, not ${accounts}.`);
      options.accounts = accounts;
    },
  },
  {
    flag: 'mix',
    env: 'BENCH_MIX',
    help: 'operation weights, e.g. ticket=4,create=3,note=3 (the default)',
    apply: (options, text) => {
      options.mix = readMix(text);
    },
  },
  {
    flag: 'think',
    env: 'BENCH_THINK',
    help: "mean pause between a technician's operations: 5, 5s or 800ms; a bare number is seconds (default 5s)",
    apply: (options, text) => {
      options.thinkMs = readDuration(text, 'think');
    },
  },
  {
    flag: 'scopes',
    env: 'BENCH_SCOPES',
    help: "BMS users whose account lists fill the app's cache before the runs (default 16, the in-memory slots)",
    apply: (options, text) => {
      options.memoryScopes = readCount(text, 'scopes');
    },
  },
  {
    flag: 'fill',
    env: 'BENCH_FILL',
    help: "how the lists are loaded: app (as the app does; a large tenant's list is not kept whole) or whole (every list whole, the memory's worst case) (default app)",
    apply: (options, text) => {
      if (text !== 'app' && text !== 'whole') throw new Error(`fill must be app or whole, not "${text}".`);
      options.fill = text;
    },
  },
  {
    flag: 'concurrent',
    env: 'BENCH_CONCURRENT',
    help: 'concurrent commands of one user when the token expires (default 50)',
    apply: (options, text) => {
      options.refreshCalls = readCount(text, 'concurrent');
    },
  },
  {
    flag: 'out',
    env: 'BENCH_OUT',
    help: 'folder for the JSON results (default bench/results)',
    apply: (options, text) => {
      if (text.trim() === '') throw new Error('out must name a folder.');
      options.outDir = text;
    },
  },
  {
    flag: 'profile',
    env: 'BENCH_PROFILE',
    help: "folder for a CPU profile of the app process, open it in Chrome's DevTools (default: none)",
    apply: (options, text) => {
      if (text.trim() === '') throw new Error('profile must name a folder.');
      options.profileDir = text;
    },
  },
  {
    flag: 'store',
    env: 'BENCH_STORE',
    help: "the app's store, as BMS_STORE_URL takes it, e.g. redis://127.0.0.1:6379 (default: a SQLite file in a temporary folder)",
    apply: (options, text) => {
      if (!/^(sqlite|redis|postgres(ql)?):\/\//.test(text))
        throw new Error(`store must be a sqlite://, redis:// or postgres:// URL, not "${text}".`);
      options.storeUrl = text;
    },
  },
  {
    flag: 'app-node-options',
    env: 'BENCH_APP_NODE_OPTIONS',
    help: 'Node options for the app process, space-separated, e.g. "--max-old-space-size=160" (default: none)',
    apply: (options, text) => {
      options.appNodeOptions = text.split(/\s+/).filter((part) => part !== '');
    },
  },
  {
    flag: 'app-env',
    env: 'BENCH_APP_ENV',
    help: 'environment of the app process, e.g. UV_THREADPOOL_SIZE=16,LOG_LEVEL=warn (default: none)',
    apply: (options, text) => {
      options.appEnv = readAssignments(text);
    },
  },
];

export function usage(): string {
  const lines = SETTINGS.map(
    (setting) => `  --${setting.flag.padEnd(17)} ${setting.env.padEnd(23)} ${setting.help}`,
  );
  const header = `  ${'flag'.padEnd(19)} ${'variable'.padEnd(23)} meaning`;
  return ['Usage: npm run bench -- [--flag value]...', header, ...lines].join('\n');
}

/** Reads the settings; throws an Error naming the bad flag or variable and its value. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    ...DEFAULT_OPTIONS,
    mix: { ...DEFAULT_OPTIONS.mix },
    appNodeOptions: [],
    appEnv: {},
  };

  for (const setting of SETTINGS) {
    const text = env[setting.env];
    if (text !== undefined && text !== '') applyNamed(setting, options, text, setting.env);
  }

  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argument);
    const setting = match ? SETTINGS.find((candidate) => candidate.flag === match[1]) : undefined;
    if (!match || !setting) throw new Error(`Unknown argument "${argument}".\n${usage()}`);
    let text = match[2];
    if (text === undefined) {
      index++;
      text = argv[index];
      if (text === undefined) throw new Error(`--${setting.flag} needs a value.`);
    }
    applyNamed(setting, options, text, `--${setting.flag}`);
  }
  return options;
}

function applyNamed(setting: Setting, options: BenchOptions, text: string, name: string): void {
  try {
    setting.apply(options, text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${name}: ${message}`);
  }
}

function readWholeNumber(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not "${text}".`);
  return value;
}

function readCount(text: string, name: string): number {
  const value = readWholeNumber(text, name);
  if (value === 0) throw new Error(`${name} must be at least 1.`);
  return value;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

function readDuration(text: string, name: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = DURATION_UNITS[match?.[2] ?? 's'] ?? 1000;
  const ms = Math.round(amount * unit);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new Error(`${name} must be a positive duration such as 60, 60s, 2m or 500ms, not "${text}".`);
  return ms;
}

function readMix(text: string): OperationMix {
  const mix: OperationMix = { ticket: 0, create: 0, note: 0 };
  for (const part of text.split(',')) {
    const [name = '', weightText = ''] = part.split('=').map((piece) => piece.trim());
    if (!(OPERATIONS as readonly string[]).includes(name))
      throw new Error(`unknown operation "${name}"; use ${OPERATIONS.join(', ')}.`);
    const weight = Number(weightText);
    if (weightText === '' || !Number.isFinite(weight) || weight < 0)
      throw new Error(`the weight of ${name} must be a number of at least 0, not "${weightText}".`);
    mix[name as Operation] = weight;
  }
  if (OPERATIONS.every((operation) => mix[operation] === 0))
    throw new Error('at least one operation needs a weight above 0.');
  return mix;
}

function readAssignments(text: string): Record<string, string> {
  const assignments: Record<string, string> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(part);
    if (!match?.[1]) throw new Error(`"${part}" is not NAME=VALUE.`);
    assignments[match[1]] = (match[2] ?? '').trim();
  }
  return assignments;
}
