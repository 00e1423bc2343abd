import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration, parseNoteTypes } from '../src/config.ts';

const validKey = Buffer.alloc(32, 7).toString('base64');
const minimalHttp = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', BMS_VAULT_KEY: validKey };

function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimalHttp);
    expect(config.slack.port).toBe(3000);
    expect(config.bms.apiBase).toBe('https://api.bms.kaseya.com');
    expect(config.bms.cacheTtlMs).toBe(24 * 3_600_000);
    expect(config.bms.timeoutMs).toBe(15_000);
    expect(config.bms.requestsPerHour).toBe(1500);
    expect(config.storeUrl).toBe('sqlite://data/bms-slack.sqlite');
    expect(config.logLevel).toBe('info');
    expect(config.bms.noteTypes).toEqual([
      { id: 0, name: 'Email Sent' },
      { id: 1, name: 'Email Received' },
      { id: 2, name: 'General Notes' },
      { id: 3, name: 'Phone Call' },
      { id: 4, name: 'Resolution' },
    ]);
    expect(config.vault.key.length).toBe(32);
  });

  it('lists every problem in one error', () => {
    const problems = problemsOf({
      BMS_VAULT_KEY: 'short',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      BMS_CACHE_TTL: 'soon',
    });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toContain('SLACK_BOT_TOKEN is missing');
    expect(problems.join('\n')).toContain('npm run keygen');
    expect(problems.join('\n')).toContain('PORT must be a port number');
    expect(problems.join('\n')).toContain('LOG_LEVEL must be one of');
    expect(problems.join('\n')).toContain('BMS_CACHE_TTL must be a duration');
    expect(problems.join('\n')).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it('says where the bot token comes from', () => {
    const [problem] = problemsOf({ ...minimalHttp, SLACK_BOT_TOKEN: undefined });
    expect(problem).toContain('manifest.yml');
    expect(problem).toContain('OAuth & Permissions');
  });

  it('rejects a user token as the bot token', () => {
    expect(problemsOf({ ...minimalHttp, SLACK_BOT_TOKEN: 'xoxp-123' })[0]).toContain('must start with xoxb-');
  });

  it('accepts Socket Mode without a signing secret', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      BMS_VAULT_KEY: validKey,
    });
    expect(config.slack.appToken).toBe('xapp-1');
  });

  it('never echoes the vault key in its message', () => {
    const badKey = `${validKey}AAAA`;
    const message = problemsOf({ ...minimalHttp, BMS_VAULT_KEY: badKey }).join('\n');
    expect(message).not.toContain(badKey);
    expect(message).not.toContain(validKey);
  });

  it('accepts the sandbox as the BMS host', () => {
    expect(loadConfig({ ...minimalHttp, BMS_API_BASE: 'sandbox' }).bms.apiBase).toBe('sandbox');
  });

  it('rejects a BMS host that is not a URL', () => {
    expect(problemsOf({ ...minimalHttp, BMS_API_BASE: 'api.bms.kaseya.com' })[0]).toContain(
      'BMS_API_BASE must be a host URL',
    );
  });

  it('rejects a BMS host with a path', () => {
    expect(problemsOf({ ...minimalHttp, BMS_API_BASE: 'https://api.bms.kaseya.com/v2' })[0]).toContain(
      'without a path',
    );
  });

  it('rejects a ticket URL without a placeholder', () => {
    expect(problemsOf({ ...minimalHttp, BMS_TICKET_URL: 'https://bms.example.com/t' })[0]).toContain('{id}');
  });

  it('rejects an unknown store scheme', () => {
    expect(problemsOf({ ...minimalHttp, BMS_STORE_URL: 'mysql://x' })[0]).toContain('sqlite://PATH');
  });

  it('reads old vault keys for rotation', () => {
    const old = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...minimalHttp, BMS_VAULT_OLD_KEYS: `${old}` }).vault.oldKeys).toHaveLength(1);
    expect(problemsOf({ ...minimalHttp, BMS_VAULT_OLD_KEYS: 'nope' })[0]).toContain(
      'BMS_VAULT_OLD_KEYS entry 1',
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['1d', 86_400_000],
    ['15', 15_000],
  ])('reads %s', (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it('rejects words', () => {
    expect(parseDuration('tomorrow')).toBeUndefined();
  });
});

describe('parseNoteTypes', () => {
  it('rejects an entry without an id', () => {
    expect(parseNoteTypes('General Notes')).toBeUndefined();
  });
});
