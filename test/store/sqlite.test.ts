import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store.ts';
import { storeContract } from './contract.ts';

const folder = mkdtempSync(join(tmpdir(), 'bms-slack-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('store on sqlite file', () => {
  // A relative path, as in the default BMS_STORE_URL, in a folder that does not exist yet.
  const path = relative(process.cwd(), join(folder, 'nested', 'store.sqlite'));
  storeContract(() => `sqlite://${path}`, { clockJudgesExpiry: true });

  it('creates the parent folder', async () => {
    const store = await openStore(
      `sqlite://${relative(process.cwd(), join(folder, 'fresh', 'store.sqlite'))}`,
    );
    await store.close();
    expect(existsSync(join(folder, 'fresh', 'store.sqlite'))).toBe(true);
  });
});

describe('store on sqlite memory', () => {
  it('claim and keyv', async () => {
    const store = await openStore('sqlite://:memory:');
    try {
      expect(store.backend).toBe('sqlite');
      expect(await store.claim('view-1', 1_000)).toBe(true);
      expect(await store.claim('view-1', 1_000)).toBe(false);
      await store.keyv<number>('memory').set('answer', 42);
      expect(await store.keyv<number>('memory').get('answer')).toBe(42);
    } finally {
      await store.close();
    }
    expect(existsSync(':memory:')).toBe(false);
  });
});
