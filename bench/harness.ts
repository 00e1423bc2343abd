import type { SlackIdentity } from '../src/vault/identity.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../test/fakes/slack-api.ts';
import { createSlackDriver, type SlackDriver } from '../test/fakes/slack-driver.ts';
import { TEST_SIGNING_SECRET } from '../test/fakes/slack-harness.ts';
import type { AppHandlers, AppProcessReady } from './processes/app.ts';
import type { SandboxHandlers, SandboxProcessReady } from './processes/sandbox.ts';
import { type ChildHandle, type RpcClient, startChild } from './rpc.ts';

/**
 * Everything a bench run talks to, all on loopback. The BMS sandbox and the app each run in a
 * process of their own. This process runs the fake Slack Web API and the driver that sends
 * signed requests to the app's receiver as Slack does.
 */
export interface BenchHarness {
  fake: FakeSlackApi;
  driver: SlackDriver;
  app: RpcClient<AppHandlers>;
  sandbox: RpcClient<SandboxHandlers>;
  identity(userId: string): SlackIdentity;
  /** Requests the sandbox has counted per `METHOD /path/template` since it started. */
  bmsStats(): Promise<Record<string, number>>;
  /** Moves the app's clock and the sandbox's clock forward together. */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface BenchHarnessOptions {
  latencyMs: number;
  accounts: number;
  /** Folder for a CPU profile of the app process (node --cpu-prof), written when it exits. */
  profileDir?: string;
  appNodeOptions?: readonly string[];
  appEnv?: Readonly<Record<string, string>>;
  storeUrl?: string;
}

/**
 * The client throttle's limit during the bench. The bench packs hours of traffic into minutes,
 * and the production limit (1,500 per hour and endpoint) would queue the load phase behind it.
 * So the throttle is raised here, and measures/day-model.ts computes the calls per hour of a
 * real day from the measured calls per operation instead.
 * NOTE: the throttle keeps one 8-byte slot per request per hour and endpoint, so this limit adds
 * about 400 KB per endpoint used to the app's RSS, against 12 KB in production.
 */
export const BENCH_REQUESTS_PER_HOUR = 50_000;

export async function startBenchHarness(options: BenchHarnessOptions): Promise<BenchHarness> {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };

  try {
    const sandbox: ChildHandle<SandboxProcessReady, SandboxHandlers> = await startChild(
      './processes/sandbox.ts',
      { latencyMs: options.latencyMs, accounts: options.accounts },
    );
    closers.push(() => sandbox.close());

    const fake = await startFakeSlackApi();
    closers.push(() => fake.close());

    const app: ChildHandle<AppProcessReady, AppHandlers> = await startChild(
      './processes/app.ts',
      {
        slackApiUrl: fake.url,
        botToken: fake.botToken,
        bmsBaseUrl: sandbox.ready.url,
        requestsPerHour: BENCH_REQUESTS_PER_HOUR,
        storeUrl: options.storeUrl,
      },
      appNodeOptions(options),
    );
    closers.push(() => app.close());

    const driver = createSlackDriver({
      url: `http://127.0.0.1:${app.ready.port}/slack/events`,
      signingSecret: TEST_SIGNING_SECRET,
      slack: fake,
    });
    const teamId = fake.workspace.teamId;

    return {
      fake,
      driver,
      app: app.client,
      sandbox: sandbox.client,
      identity: (userId) => ({ teamId, userId }),
      bmsStats: () => sandbox.client.call('stats'),
      async advanceClock(ms) {
        await sandbox.client.call('advanceClock', { ms });
        await app.client.call('advanceClock', { ms });
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** --expose-gc lets the bench tell retained memory from garbage; --cpu-prof records where the app spends its CPU. */
function appNodeOptions(options: BenchHarnessOptions): string[] {
  const nodeOptions = ['--expose-gc', ...(options.appNodeOptions ?? [])];
  if (options.profileDir) nodeOptions.push('--cpu-prof', '--cpu-prof-dir', options.profileDir);
  return nodeOptions;
}
