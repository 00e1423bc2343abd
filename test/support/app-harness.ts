import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/clock.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import {
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxOptions,
  type SandboxServer,
  type SandboxUser,
  startSandbox,
} from '../../src/sandbox/index.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import {
  createLineRecorder,
  type SlackHarness,
  startSlackHarness,
  testConfig,
} from '../fakes/slack-harness.ts';

/**
 * The whole app on loopback for end-to-end tests: the BMS sandbox, the real runtime (SQLite
 * store in a temporary folder, BMS client, vault, sessions, cache), the Bolt app in HTTP mode,
 * the fake Slack Web API and a driver that sends signed requests.
 */
export interface AppHarness extends SlackHarness {
  sandbox: SandboxServer;
  runtime: Runtime;
  clock: ReturnType<typeof createManualClock>;
  /** Identity of a Slack user in the default test workspace. */
  identity(userId?: string): SlackIdentity;
  /** Logs a Slack user in to BMS directly through the session manager (no modal). */
  loginAs(userId: string, user?: SandboxUser, rememberPassword?: boolean): Promise<void>;
  /** Requests per `METHOD /path/template` the sandbox has served since the last reset. */
  bmsStats(): Promise<Record<string, number>>;
  /** Queues a sandbox fault, as `POST /__sandbox/faults` takes it. */
  bmsFault(fault: Record<string, unknown>): Promise<void>;
  /** Moves the sandbox's clock and the app's clock forward together. */
  advance(ms: number): Promise<void>;
}

export interface AppHarnessOptions {
  sandbox?: SandboxOptions;
  /** Store URL; a SQLite file in a temporary folder when absent. */
  storeUrl?: string;
  bms?: Partial<Config['bms']>;
  /** The BMS client's retry policy; the fault matrix passes an instant sleep so retries cost no wall time. */
  bmsRetry?: RuntimeOptions['bmsRetry'];
}

export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const clock = createManualClock(Date.now());
  const sandbox = await startSandbox({ clock, ...options.sandbox });
  const folder = mkdtempSync(join(tmpdir(), 'bms-slack-test-'));
  const storeUrl = options.storeUrl ?? `sqlite://${join(folder, 'store.sqlite')}`;

  // One logger for the runtime and the Slack app, so a test reads every line in one place.
  const recorder = createLineRecorder();
  const logger = createLogger('debug', recorder.record);
  const config = { ...testConfig({ botToken: 'xoxb-unused', url: 'http://127.0.0.1:1/api/' }), storeUrl };
  const runtime = await createRuntime({
    config: { ...config, bms: { ...config.bms, ...options.bms } },
    logger,
    clock,
    bmsBaseUrl: sandbox.url,
    bmsRetry: options.bmsRetry,
  });
  const slack = await startSlackHarness({
    services: runtime.services,
    clock,
    logger,
    config: { bms: options.bms },
  });
  const teamId = slack.fake.workspace.teamId;

  const harness: AppHarness = {
    ...slack,
    logLines: recorder.lines,
    waitForLog: recorder.waitFor,
    sandbox,
    runtime,
    clock,
    identity: (userId = 'U0JANE') => ({ teamId, userId }),
    async loginAs(userId, user = SANDBOX_USERS.jane, rememberPassword = true) {
      await runtime.services.sessions.login(harness.identity(userId), {
        tenant: SANDBOX_TENANT,
        userName: user.userName,
        password: SANDBOX_PASSWORD,
        mfaCode: user.requiresMfa ? SANDBOX_MFA_CODE : undefined,
        rememberPassword,
      });
    },
    async bmsStats() {
      return sandbox.stats();
    },
    async bmsFault(fault) {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
      if (!response.ok)
        throw new Error(`the sandbox rejected the fault ${JSON.stringify(fault)}: ${response.status}`);
    },
    async advance(ms) {
      clock.advance(ms);
    },
    async close() {
      await slack.close();
      await runtime.close();
      await sandbox.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}
