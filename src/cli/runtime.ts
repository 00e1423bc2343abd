import { type BmsClient, createBmsClient } from '../bms/index.ts';
import type { Logger } from '../log.ts';
import type { CliSettings } from './environment.ts';

export interface CliRuntime {
  client: BmsClient;
  close(): Promise<void>;
}

/**
 * Creates the BMS client for BMS_API_BASE. With `sandbox`, a BMS sandbox starts inside this
 * process on a free loopback port and stops with it, so its tokens last one run only.
 */
export async function openRuntime(settings: CliSettings, logger: Logger): Promise<CliRuntime> {
  // Imported only here: the sandbox's seed and routes are large, and only BMS_API_BASE=sandbox needs them.
  const sandbox =
    settings.apiBase === 'sandbox'
      ? await (await import('../sandbox/index.ts')).startSandbox({ logger })
      : undefined;
  const client = createBmsClient({
    baseUrl: sandbox?.url ?? settings.apiBase,
    logger,
    timeoutMs: settings.timeoutMs,
  });
  return {
    client,
    async close() {
      await client.close();
      await sandbox?.close();
    },
  };
}
