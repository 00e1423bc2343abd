import type { BmsApi, BmsClient } from '../../src/bms/index.ts';
import { createBmsClient } from '../../src/bms/index.ts';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { SandboxOptions, SandboxServer } from '../../src/sandbox/index.ts';
import { SANDBOX_PASSWORD, SANDBOX_TENANT, SANDBOX_USERS, startSandbox } from '../../src/sandbox/index.ts';
import { createDirectAccountDirectory } from '../../src/services/account-directory.ts';
import type { ServiceContext } from '../../src/services/context.ts';

export interface SandboxSession {
  sandbox: SandboxServer;
  client: BmsClient;
  api: BmsApi;
  context: ServiceContext;
  clock: ReturnType<typeof createManualClock>;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Resets the sandbox (data, stats, faults, tokens) and logs jane.doe in again. */
  reset(): Promise<void>;
  /** Calls per `METHOD /path/template` since the last reset. */
  stats(): Promise<Record<string, number>>;
  /** Queues a sandbox fault, as `POST /__sandbox/faults` takes it. */
  fault(fault: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox, logs jane.doe in over real HTTP and returns a service context as that user. */
export async function startSandboxSession(
  options: SandboxOptions = {},
  clientTimeoutMs = 2_000,
): Promise<SandboxSession> {
  const sandbox = await startSandbox(options);
  const clock = createManualClock(Date.now());
  const logger = createMemoryLogger();
  const client = createBmsClient({
    baseUrl: sandbox.url,
    logger,
    timeoutMs: clientTimeoutMs,
    retry: { sleep: async () => {} },
  });
  const login = async () => {
    const tokens = await client.authenticate({
      tenant: SANDBOX_TENANT,
      userName: SANDBOX_USERS.jane.userName,
      password: SANDBOX_PASSWORD,
    });
    return client.withToken(tokens.accessToken);
  };
  const api = await login();

  const session: SandboxSession = {
    sandbox,
    client,
    api,
    context: { api, clock, logger, directory: createDirectAccountDirectory(api) },
    clock,
    logger,
    async reset() {
      sandbox.reset();
      session.api = await login();
      session.context = {
        ...session.context,
        api: session.api,
        directory: createDirectAccountDirectory(session.api),
      };
    },
    async stats() {
      const response = await fetch(`${sandbox.url}/__sandbox/stats`);
      const body = (await response.json()) as { requests: Record<string, number> };
      return body.requests;
    },
    async fault(fault) {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
      if (!response.ok)
        throw new Error(`the sandbox rejected the fault ${JSON.stringify(fault)}: ${response.status}`);
    },
    async close() {
      await client.close();
      await sandbox.close();
    },
  };
  return session;
}
