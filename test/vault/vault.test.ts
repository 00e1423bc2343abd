import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { openStore, type Store } from '../../src/store.ts';
import { createKeyRing, VaultDecryptError } from '../../src/vault/crypto.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { createVault, VAULT_NAMESPACE, type VaultRecord } from '../../src/vault/vault.ts';
import {
  postgresUnavailable,
  type RunningServer,
  redisServerPath,
  startPostgres,
  startRedis,
} from '../store/servers.ts';

const ALICE: SlackIdentity = { teamId: 'T0001', userId: 'U0ALICE' };
const BOB: SlackIdentity = { enterpriseId: 'E0001', teamId: 'T0001', userId: 'U0BOB' };

function sampleRecord(userName: string): VaultRecord {
  return {
    tenant: 'sandbox',
    userName,
    bmsUserId: 101,
    bmsUserName: 'Jane Doe',
    accessToken: `access-${randomBytes(8).toString('hex')}`,
    accessTokenExpiresAt: 1_767_604_000_000,
    refreshToken: `refresh-${randomBytes(8).toString('hex')}`,
    refreshTokenExpiresAt: 1_767_690_000_000,
    password: 'Sandbox-Passw0rd!',
    updatedAt: 1_767_600_000_000,
  };
}

async function withStore(url: string, run: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(url);
  try {
    await run(store);
  } finally {
    await store.close();
  }
}

describe('vault', () => {
  const keyRing = createKeyRing(randomBytes(32));

  it('put get delete', async () => {
    await withStore('sqlite://:memory:', async (store) => {
      const vault = createVault({ store, keyRing });
      const record = sampleRecord('jane.doe');
      await vault.put(ALICE, record);
      expect(await vault.get(ALICE)).toEqual(record);
      expect(await vault.get(BOB)).toBeUndefined();
      expect(await vault.delete(ALICE)).toBe(true);
      expect(await vault.get(ALICE)).toBeUndefined();
      expect(await vault.delete(ALICE)).toBe(false);
    });
  });

  it('stores only sealed fields', async () => {
    await withStore('sqlite://:memory:', async (store) => {
      const record = sampleRecord('jane.doe');
      await createVault({ store, keyRing }).put(BOB, record);
      const raw = await store.keyv(VAULT_NAMESPACE).get('E0001|T0001|U0BOB');
      expect(Object.keys(raw as object).sort()).toEqual(['data', 'iv', 'kid', 'tag']);
      const text = JSON.stringify(raw);
      for (const secret of [record.accessToken, record.refreshToken, 'Sandbox-Passw0rd!', 'jane.doe']) {
        expect(text).not.toContain(secret);
      }
    });
  });

  it('record copied to another identity fails', async () => {
    await withStore('sqlite://:memory:', async (store) => {
      const vault = createVault({ store, keyRing });
      await vault.put(ALICE, sampleRecord('jane.doe'));
      const records = store.keyv(VAULT_NAMESPACE);
      await records.set('E0001|T0001|U0BOB', await records.get('-|T0001|U0ALICE'));

      await expect(vault.get(BOB)).rejects.toThrow(VaultDecryptError);
      await expect(vault.get(BOB)).rejects.toMatchObject({ reason: 'invalid' });
    });
  });

  it('held login expires by clock', async () => {
    await withStore('sqlite://:memory:', async (store) => {
      const clock = createManualClock();
      const vault = createVault({ store, keyRing, clock });
      const login = {
        tenant: 'sandbox',
        userName: 'mfa.tech',
        password: 'Sandbox-Passw0rd!',
        rememberPassword: false,
      };
      await vault.holdLogin(ALICE, login, 600_000);
      expect(await vault.heldLogin(ALICE)).toMatchObject(login);
      clock.advance(600_000);
      expect(await vault.heldLogin(ALICE)).toBeUndefined();
    });
  });

  it('identity with a bar rejected', async () => {
    await withStore('sqlite://:memory:', async (store) => {
      const vault = createVault({ store, keyRing });
      await expect(vault.get({ teamId: 'T1|T2', userId: 'U1' })).rejects.toThrow(
        /Invalid Slack identity part/,
      );
    });
  });
});

/** Writes records under one key, rotates to another with the first as an old key, then reads with the new key alone. */
function rotationCase(url: () => string): void {
  it('rotate re-seals under the current key', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const identities: SlackIdentity[] = [ALICE, BOB, { teamId: 'T0002', userId: 'U0CAROL' }];
    const records = identities.map((_, index) => sampleRecord(`user${index}`));

    await withStore(url(), async (store) => {
      const before = createVault({ store, keyRing: createKeyRing(oldKey) });
      for (const [index, identity] of identities.entries())
        await before.put(identity, records[index] as VaultRecord);
      await store
        .keyv(VAULT_NAMESPACE)
        .set('-|T0009|U0BROKEN', { kid: 'deadbeef', iv: '', tag: '', data: '' });

      const during = createVault({ store, keyRing: createKeyRing(newKey, [oldKey]) });
      const rotation = await during.rotate();
      expect(rotation.rotated).toBe(3);
      expect(rotation.current).toBe(0);
      expect(rotation.failed).toEqual(['-|T0009|U0BROKEN']);
      expect((await during.rotate()).current).toBe(3);

      const after = createVault({ store, keyRing: createKeyRing(newKey) });
      for (const [index, identity] of identities.entries()) {
        expect(await after.get(identity)).toEqual(records[index]);
      }
    });
  });
}

describe('vault rotation on sqlite', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bms-slack-vault-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  rotationCase(() => `sqlite://${join(folder, 'vault.sqlite')}`);
});

describe.skipIf(!redisServerPath)(
  redisServerPath ? 'vault rotation on redis' : 'vault rotation on redis [skipped: no redis-server on PATH]',
  () => {
    let server: RunningServer | undefined;
    beforeAll(async () => {
      server = await startRedis();
    });
    afterAll(async () => {
      await server?.stop();
    });
    rotationCase(() => server?.url ?? 'redis://not-started');
  },
);

describe.skipIf(postgresUnavailable !== undefined)(
  postgresUnavailable
    ? `vault rotation on postgres [skipped: ${postgresUnavailable}]`
    : 'vault rotation on postgres',
  () => {
    let server: RunningServer | undefined;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });
    rotationCase(() => server?.url ?? 'postgres://not-started');
  },
);
