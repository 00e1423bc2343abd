import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store.ts';
import { storeContract } from './contract.ts';
import { freePort, type RunningServer, redisServerPath, startRedis } from './servers.ts';

const title = redisServerPath
  ? 'store on redis'
  : 'store on redis [skipped: no redis-server on PATH; apt-get install redis-server]';

describe.skipIf(!redisServerPath)(title, () => {
  let server: RunningServer | undefined;
  const url = () => {
    if (!server) throw new Error('redis-server did not start');
    return server.url;
  };

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  storeContract(url, { clockJudgesExpiry: false });

  it('claim sets expiry in milliseconds', async () => {
    const store = await openStore(url());
    const raw = createClient({ url: url() });
    await raw.connect();
    try {
      expect(await store.claim('ttl-check', 45_000)).toBe(true);
      const remaining = await raw.pTTL('bms-slack:claim:ttl-check');
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(45_000);
    } finally {
      await raw.close();
      await store.close();
    }
  });

  it('keyv key prefixed once', async () => {
    const store = await openStore(url());
    const raw = createClient({ url: url() });
    await raw.connect();
    try {
      await store.keyv<string>('prefix').set('ticket', 'T20240101.0001');
      expect(await raw.exists('prefix::ticket')).toBe(1);
      expect(await raw.exists('prefix::prefix:ticket')).toBe(0);
    } finally {
      await raw.close();
      await store.close();
    }
  });
});

describe('store on unreachable redis', () => {
  it('open fails', async () => {
    const port = await freePort();
    await expect(openStore(`redis://127.0.0.1:${port}`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
