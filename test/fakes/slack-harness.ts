import type { Clock } from '../../src/clock.ts';
import { type Config, DEFAULT_NOTE_TYPES, parseNoteTypes } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createSlackApp, EVENTS_PATH, type SlackApp } from '../../src/slack/app.ts';
import type { SlackServices } from '../../src/slack/deps.ts';
import type { ListenerRegistry } from '../../src/slack/registry.ts';
import { type FakeSlackApi, type FakeSlackApiOptions, startFakeSlackApi } from './slack-api.ts';
import { createSlackDriver, type SlackDriver } from './slack-driver.ts';

/**
 * The whole Slack side on loopback for end-to-end tests: the fake Slack Web API, the real
 * app in HTTP mode on a free port, and a driver that sends signed requests to it.
 */

export const TEST_SIGNING_SECRET = 'test-signing-secret';

/** Builds a complete Config for tests. The Slack part points at the fake Web API, the rest has harmless defaults. */
export function testConfig(
  fake: Pick<FakeSlackApi, 'botToken' | 'url'>,
  overrides: { slack?: Partial<Config['slack']>; bms?: Partial<Config['bms']> } = {},
): Config {
  return {
    slack: {
      botToken: fake.botToken,
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: fake.url,
      port: 0,
      ...overrides.slack,
    },
    bms: {
      apiBase: 'sandbox',
      noteTypes: parseNoteTypes(DEFAULT_NOTE_TYPES) ?? [],
      cacheTtlMs: 24 * 60 * 60 * 1000,
      timeoutMs: 15_000,
      requestsPerHour: 1500,
      ...overrides.bms,
    },
    vault: { key: Buffer.alloc(32, 7), oldKeys: [] },
    storeUrl: 'sqlite://:memory:',
    logLevel: 'info',
  };
}

export interface SlackHarnessOptions {
  services?: SlackServices;
  clock?: Clock;
  fake?: FakeSlackApiOptions;
  /** Defaults to a memory logger whose lines the test can read. */
  logger?: Logger;
  /** Settings to change in the app's Config. */
  config?: { slack?: Partial<Config['slack']>; bms?: Partial<Config['bms']> };
  /** Registers test-only listeners before the app starts. */
  register?: (registry: ListenerRegistry) => void;
}

export interface SlackHarness {
  fake: FakeSlackApi;
  slack: SlackApp;
  driver: SlackDriver;
  /** Lines logged by the app (when the harness made the logger). */
  logLines: string[];
  /** Resolves with the first logged line that matches, logged already or within `timeoutMs`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** `http://127.0.0.1:PORT` of the app. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlackApi(options.fake);
  const lines = createLineRecorder();
  const slack = createSlackApp({
    config: testConfig(fake, options.config),
    logger: options.logger ?? createLogger('info', lines.record),
    clock: options.clock,
    services: options.services,
  });
  options.register?.(slack.registry);

  let port: number | undefined;
  try {
    ({ port } = await slack.start(0));
  } catch (error) {
    await fake.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const driver = createSlackDriver({
    url: `${baseUrl}${EVENTS_PATH}`,
    signingSecret: TEST_SIGNING_SECRET,
    slack: fake,
  });

  return {
    fake,
    slack,
    driver,
    logLines: lines.lines,
    waitForLog: lines.waitFor,
    baseUrl,
    close: async () => {
      await slack.stop();
      await fake.close();
    },
  };
}

/** Keeps logged lines and lets a test wait for one, so no test sleeps for the app to finish. */
export function createLineRecorder() {
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  return {
    lines,
    record: (line: string) => {
      lines.push(line);
      for (const waiter of waiters) {
        if (waiter.pattern.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    },
    waitFor: (pattern: RegExp, timeoutMs = 5000): Promise<string> => {
      const found = lines.find((line) => pattern.test(line));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { pattern, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter))
            reject(new Error(`no log line matched ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
  };
}
