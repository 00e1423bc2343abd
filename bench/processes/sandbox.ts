/**
 * The BMS sandbox in a process of its own, so that its work (JSON of account pages, ticket
 * writes) runs beside the app rather than inside the driver's event loop. Started by harness.ts.
 */
import { createLogger } from '../../src/log.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { announceReady, serveRpc } from '../rpc.ts';
import { createLoadMeter, type LoadFigures } from './load-meter.ts';

export interface SandboxProcessOptions {
  latencyMs: number;
  accounts: number;
}

export interface SandboxProcessReady {
  url: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxProcessOptions;
const sandbox = await startSandbox({
  port: 0,
  latencyMs: options.latencyMs,
  accounts: options.accounts,
  logger: createLogger('warn'),
});

const loadMeter = createLoadMeter();

export const sandboxHandlers = {
  resetLoad: async (): Promise<void> => {
    loadMeter.reset();
  },
  load: async (): Promise<LoadFigures> => loadMeter.read(),
  /** Requests counted per `METHOD /path/template` since the start. */
  stats: async (): Promise<Record<string, number>> => sandbox.stats(),
  /** Moves the sandbox clock forward, which ages every token it issued. */
  advanceClock: async (params: { ms: number }): Promise<void> => {
    const response = await fetch(`${sandbox.url}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: Math.round(params.ms / 1000) }),
    });
    if (!response.ok) throw new Error(`the sandbox rejected the clock change: HTTP ${response.status}`);
  },
};

export type SandboxHandlers = typeof sandboxHandlers;

serveRpc(sandboxHandlers, () => sandbox.close());
announceReady({ url: sandbox.url } satisfies SandboxProcessReady);
