import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, bundle } from '../../src/bundle.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.ts';
import { TEST_SIGNING_SECRET, testConfig } from '../fakes/slack-harness.ts';

const repositoryRoot = new URL('../..', import.meta.url).pathname;
/** The bundle that `npm start` runs, built here where packages resolve from the project's node_modules. */
const bundleFolder = join(repositoryRoot, 'node_modules', '.cache', 'bms-slack-test');

/** Runs the app's bundle in a child process with exactly `environment`, as `npm start` does. */
function startMain(environment: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--enable-source-maps', join(bundleFolder, 'main.js')], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Resolves with the output once `pattern` appears in it, or rejects when the process exits first. */
function waitForOutput(run: ReturnType<typeof startMain>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(run.output());
      if (match) resolve(match[0]);
    };
    run.child.stdout?.on('data', check);
    run.child.stderr?.on('data', check);
    run.child.once('exit', () =>
      reject(new Error(`main exited before printing ${pattern}:\n${run.output()}`)),
    );
    check();
  });
}

describe('main', () => {
  let fake: FakeSlackApi;
  let storeDirectory: string;

  beforeAll(async () => {
    await bundle(join(repositoryRoot, APP_ENTRY), bundleFolder);
    fake = await startFakeSlackApi();
    storeDirectory = mkdtempSync(join(tmpdir(), 'bms-slack-main-'));
  });

  afterAll(async () => {
    await fake.close();
    rmSync(storeDirectory, { recursive: true, force: true });
  });

  it('lists settings problems and exits 1', async () => {
    const run = startMain({});
    expect(await exitCode(run.child)).toBe(1);
    expect(run.output()).toContain('SLACK_BOT_TOKEN is missing');
    expect(run.output()).toContain('BMS_VAULT_KEY is missing');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('starts over HTTP, serves health, stops', async () => {
    const run = startMain({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      PORT: '0',
      BMS_API_BASE: 'sandbox',
      BMS_VAULT_KEY: randomBytes(32).toString('base64'),
      BMS_STORE_URL: `sqlite://${join(storeDirectory, 'store.sqlite')}`,
    });
    try {
      const line = await waitForOutput(run, /bms-slack started mode=http port=(\d+)/);
      const port = Number(line.split('port=')[1]);
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(fake.callsOf('auth.test')).toHaveLength(1);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await exitCode(run.child)).toBe(0);
  });

  it('exits 1 when Slack rejects the token', async () => {
    const run = startMain({
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      PORT: '0',
      BMS_VAULT_KEY: randomBytes(32).toString('base64'),
      BMS_STORE_URL: `sqlite://${join(storeDirectory, 'store.sqlite')}`,
    });
    expect(await exitCode(run.child)).toBe(1);
    expect(run.output()).toContain('auth.test returned invalid_auth');
    expect(run.output()).not.toContain('xoxb-revoked');
  });
});

describe('createSlackApp mode', () => {
  const logger = createMemoryLogger();
  const slackTarget = { botToken: 'xoxb-not-used', url: 'http://127.0.0.1:9/api/' };

  it('uses Socket Mode with an app token', () => {
    const slack = createSlackApp({
      config: testConfig(slackTarget, { slack: { appToken: 'xapp-1-test' } }),
      logger,
    });
    expect(slack.mode).toBe('socket');
  });

  it('stops when Slack rejects the app token', async () => {
    const fake = await startFakeSlackApi();
    try {
      // The fake has no Socket Mode, so apps.connections.open fails as it does for a revoked token.
      const slack = createSlackApp({
        config: testConfig(fake, { slack: { appToken: 'xapp-1-revoked' } }),
        logger,
      });
      await expect(slack.start()).rejects.toThrow(/Slack rejected SLACK_APP_TOKEN/);
    } finally {
      await fake.close();
    }
  });

  it('uses HTTP without an app token', () => {
    expect(createSlackApp({ config: testConfig(slackTarget), logger }).mode).toBe('http');
  });

  it('requires a signing secret over HTTP', () => {
    const config = testConfig(slackTarget, { slack: { signingSecret: undefined } });
    expect(() => createSlackApp({ config, logger })).toThrow(/SLACK_SIGNING_SECRET is missing/);
  });
});
