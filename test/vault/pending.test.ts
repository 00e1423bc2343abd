import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { openStore, type Store } from '../../src/store.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { createPendingOperations, type PendingOperation } from '../../src/vault/pending.ts';

const JANE: SlackIdentity = { teamId: 'T0001', userId: 'U0JANE' };
const MAX: SlackIdentity = { teamId: 'T0001', userId: 'U0MAX' };

const createTicket: PendingOperation = {
  kind: 'ticket.create',
  payload: { Title: 'Printer <!channel> jammed', AccountId: 12, LocationId: 3 },
  respondTo: { channelId: 'C0001', threadTs: '1767600000.000100' },
};

const folder = mkdtempSync(join(tmpdir(), 'bms-slack-pending-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let fileCounter = 0;

describe('pending operations', () => {
  const clock = createManualClock();
  let stores: Store[] = [];

  /** Opens one more store on this test's file, as another app instance would. */
  let url = '';
  const openInstance = async () => {
    const store = await openStore(url, { clock });
    stores.push(store);
    return createPendingOperations({ store, clock });
  };

  beforeEach(() => {
    url = `sqlite://${join(folder, `pending-${++fileCounter}.sqlite`)}`;
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    stores = [];
  });

  it('save take round trip', async () => {
    const pending = await openInstance();
    const id = await pending.savePending(JANE, createTicket);
    const taken = await pending.takePending(id);
    expect(taken).toMatchObject({ id, identity: JANE, ...createTicket });
    expect(taken?.expiresAt).toBe(clock() + 10 * 60_000);
    expect(await pending.takePending(id)).toBeUndefined();
    expect(await pending.listPending(JANE)).toEqual([]);
  });

  it('take once across instances', async () => {
    const first = await openInstance();
    const second = await openInstance();
    const id = await first.savePending(JANE, createTicket);
    const results = await Promise.all([
      first.takePending(id),
      second.takePending(id),
      second.takePending(id),
    ]);
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
  });

  it('list per identity', async () => {
    const pending = await openInstance();
    const first = await pending.savePending(JANE, createTicket);
    clock.advance(1_000);
    const second = await pending.savePending(JANE, { ...createTicket, kind: 'note.create' });
    await pending.savePending(MAX, createTicket);

    expect((await pending.listPending(JANE)).map((record) => record.id)).toEqual([first, second]);
    await pending.takePending(first);
    expect((await pending.listPending(JANE)).map((record) => record.id)).toEqual([second]);
    expect(await pending.listPending(MAX)).toHaveLength(1);
  });

  it('expires after ten minutes', async () => {
    const pending = await openInstance();
    const id = await pending.savePending(JANE, createTicket);
    clock.advance(10 * 60_000);
    expect(await pending.listPending(JANE)).toEqual([]);
    expect(await pending.takePending(id)).toBeUndefined();
  });

  it.each([
    ['password', { password: 'x' }],
    ['nested MFA code', { login: { mfa_code: '123456' } }],
    ['token in array', { items: [{ accessToken: 'x' }] }],
  ])('rejects %s in payload', async (_name, payload) => {
    const pending = await openInstance();
    await expect(pending.savePending(JANE, { ...createTicket, payload })).rejects.toThrow(
      /looks like a secret/,
    );
  });

  it('rejects non-JSON payload', async () => {
    const pending = await openInstance();
    await expect(
      pending.savePending(JANE, { ...createTicket, payload: { when: new Date() } }),
    ).rejects.toThrow(/not plain JSON/);
  });

  it('unknown id', async () => {
    const pending = await openInstance();
    expect(await pending.takePending('not-an-id')).toBeUndefined();
    expect(await pending.takePending('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('mfa attempt limit', () => {
  it('five failures pause tries', async () => {
    const clock = createManualClock();
    const store = await openStore('sqlite://:memory:', { clock });
    try {
      const pending = createPendingOperations({ store, clock });
      const firstFailure = clock();
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect(await pending.recordMfaFailure(JANE)).toBeUndefined();
        clock.advance(60_000);
      }
      expect(await pending.mfaLocked(JANE)).toBeUndefined();

      expect(await pending.recordMfaFailure(JANE)).toBe(firstFailure + 15 * 60_000);
      expect(await pending.mfaLocked(JANE)).toBe(firstFailure + 15 * 60_000);
      expect(await pending.mfaLocked(MAX)).toBeUndefined();

      // Once the first failure leaves the 15-minute window, four remain and tries resume.
      clock.set(firstFailure + 15 * 60_000);
      expect(await pending.mfaLocked(JANE)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('clear resets the count', async () => {
    const clock = createManualClock();
    const store = await openStore('sqlite://:memory:', { clock });
    try {
      const pending = createPendingOperations({ store, clock });
      for (let attempt = 1; attempt <= 5; attempt++) await pending.recordMfaFailure(JANE);
      expect(await pending.mfaLocked(JANE)).toBeDefined();
      await pending.clearMfaFailures(JANE);
      expect(await pending.mfaLocked(JANE)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
