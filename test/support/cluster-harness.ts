import { createManualClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import {
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { createSlackApp, EVENTS_PATH, type SlackApp } from '../../src/slack/app.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.ts';
import { createSlackDriver, type SlackDriver } from '../fakes/slack-driver.ts';
import { createLineRecorder, TEST_SIGNING_SECRET, testConfig } from '../fakes/slack-harness.ts';

/** One app instance of a cluster: its own runtime and Bolt app, and a driver aimed at it. */
export interface ClusterInstance {
  runtime: Runtime;
  slack: SlackApp;
  driver: SlackDriver;
  logLines: string[];
}

/**
 * Several app instances behind the same Slack traffic, as behind a load balancer: one BMS
 * sandbox, one fake Slack Web API, one shared store URL (Redis or PostgreSQL, so that every
 * instance sees the same vault, cache, pending operations and claims), and one driver per
 * instance so a test chooses which instance receives each request.
 */
export interface ClusterHarness {
  sandbox: SandboxServer;
  fake: FakeSlackApi;
  instances: ClusterInstance[];
  clock: ReturnType<typeof createManualClock>;
  identity(userId?: string): SlackIdentity;
  close(): Promise<void>;
}

export async function startClusterHarness(options: {
  storeUrl: string;
  instances?: number;
}): Promise<ClusterHarness> {
  const clock = createManualClock(Date.now());
  const sandbox = await startSandbox({ clock });
  const fake = await startFakeSlackApi({ clock });
  const instances: ClusterInstance[] = [];

  try {
    for (let index = 0; index < (options.instances ?? 2); index += 1) {
      const recorder = createLineRecorder();
      const logger = createLogger('debug', recorder.record);
      const config = { ...testConfig(fake), storeUrl: options.storeUrl };
      const runtime = await createRuntime({ config, logger, clock, bmsBaseUrl: sandbox.url });
      const slack = createSlackApp({ config, logger, clock, services: runtime.services });
      const { port } = await slack.start(0);
      const driver = createSlackDriver({
        url: `http://127.0.0.1:${port}${EVENTS_PATH}`,
        signingSecret: TEST_SIGNING_SECRET,
        slack: fake,
      });
      instances.push({ runtime, slack, driver, logLines: recorder.lines });
    }
  } catch (error) {
    await closeAll(instances, fake, sandbox);
    throw error;
  }

  const teamId = fake.workspace.teamId;
  return {
    sandbox,
    fake,
    instances,
    clock,
    identity: (userId = 'U0JANE') => ({ teamId, userId }),
    close: () => closeAll(instances, fake, sandbox),
  };
}

/** Logs a Slack user in to BMS as jane.doe through one instance's session manager. */
export async function loginThrough(instance: ClusterInstance, identity: SlackIdentity): Promise<void> {
  await instance.runtime.services.sessions.login(identity, {
    tenant: SANDBOX_TENANT,
    userName: SANDBOX_USERS.jane.userName,
    password: SANDBOX_PASSWORD,
    rememberPassword: true,
  });
}

async function closeAll(
  instances: ClusterInstance[],
  fake: FakeSlackApi,
  sandbox: SandboxServer,
): Promise<void> {
  for (const instance of instances) {
    await instance.slack.stop();
    await instance.runtime.close();
  }
  await fake.close();
  await sandbox.close();
}
