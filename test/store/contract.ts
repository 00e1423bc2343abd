import { expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { openStore, type Store } from '../../src/store.ts';

/**
 * The behaviour every store backend shares. `url()` is read when a test runs, after the suite's
 * beforeAll has started the server. `clockJudgesExpiry` is false for Redis, whose server clock
 * decides when a claim lapses.
 */
export function storeContract(url: () => string, options: { clockJudgesExpiry: boolean }): void {
  let counter = 0;
  /** A key unique to one test, so tests against one server do not see each other's data. */
  const unique = (name: string) => `${name}-${process.pid}-${++counter}`;

  type ManualClock = ReturnType<typeof createManualClock>;

  /** Opens two stores on the same URL, as two app instances would, sharing one manual clock. */
  const withStores = async (run: (first: Store, second: Store, clock: ManualClock) => Promise<void>) => {
    const clock = createManualClock();
    const first = await openStore(url(), { clock });
    try {
      const second = await openStore(url(), { clock });
      try {
        await run(first, second, clock);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  };

  const withStore = async (run: (store: Store) => Promise<void>) => {
    const store = await openStore(url());
    try {
      await run(store);
    } finally {
      await store.close();
    }
  };

  it('keyv round trip', async () => {
    await withStore(async (store) => {
      const keyv = store.keyv<{ name: string; count: number }>('contract');
      const key = unique('round-trip');
      expect(await keyv.set(key, { name: 'Contoso', count: 3 })).toBe(true);
      expect(await keyv.get(key)).toEqual({ name: 'Contoso', count: 3 });
      expect(await keyv.delete(key)).toBe(true);
      expect(await keyv.get(key)).toBeUndefined();
    });
  });

  it('keyv same instance per namespace', async () => {
    await withStore(async (store) => {
      expect(store.keyv('contract')).toBe(store.keyv('contract'));
    });
  });

  it('keyv namespaces stay apart', async () => {
    await withStore(async (store) => {
      const first = unique('first');
      const second = unique('second');
      const alpha = store.keyv<string>(first);
      const beta = store.keyv<string>(second);
      await alpha.set('shared', 'from alpha');
      await beta.set('shared', 'from beta');
      await alpha.set('only-alpha', 'a');

      expect(await alpha.get('shared')).toBe('from alpha');
      expect(await beta.get('shared')).toBe('from beta');

      const listed: Array<[string, unknown]> = [];
      const iterate = alpha.iterator;
      if (!iterate) throw new Error('keyv offers no iterator for this backend');
      for await (const entry of iterate(undefined)) listed.push(entry as [string, unknown]);
      expect(listed.sort()).toEqual([
        ['only-alpha', 'a'],
        ['shared', 'from alpha'],
      ]);
    });
  });

  it('keyv namespace name checked', async () => {
    await withStore(async (store) => {
      expect(() => store.keyv('Bad:Name')).toThrow(/Invalid store namespace "Bad:Name"/);
    });
  });

  it('keyv data survives reopen', async () => {
    const key = unique('durable');
    await withStore(async (store) => {
      await store.keyv<string>('contract').set(key, 'kept');
    });
    await withStore(async (store) => {
      expect(await store.keyv<string>('contract').get(key)).toBe('kept');
    });
  });

  it('claim once until released', async () => {
    await withStore(async (store) => {
      const key = unique('claim');
      expect(await store.claim(key, 30_000)).toBe(true);
      expect(await store.claim(key, 30_000)).toBe(false);
      await store.release(key);
      expect(await store.claim(key, 30_000)).toBe(true);
    });
  });

  it('claim concurrent callers one winner', async () => {
    await withStore(async (store) => {
      const key = unique('race');
      const results = await Promise.all(Array.from({ length: 25 }, () => store.claim(key, 30_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  it('claim across instances', async () => {
    await withStores(async (first, second) => {
      const key = unique('instances');
      const results = await Promise.all([first.claim(key, 30_000), second.claim(key, 30_000)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = results[0] ? [first, second] : [second, first];

      // The loser cannot free the winner's claim.
      await loser.release(key);
      expect(await loser.claim(key, 30_000)).toBe(false);

      await winner.release(key);
      expect(await loser.claim(key, 30_000)).toBe(true);
    });
  });

  it('claim rejects bad arguments', async () => {
    await withStore(async (store) => {
      await expect(store.claim('', 1_000)).rejects.toThrow(RangeError);
      await expect(store.claim('x'.repeat(256), 1_000)).rejects.toThrow(RangeError);
      await expect(store.claim('key', 0)).rejects.toThrow(/positive number of milliseconds/);
    });
  });

  const lapseTitle = options.clockJudgesExpiry
    ? 'claim lapses after its lifetime'
    : 'claim lapses after its lifetime [skipped: the server clock decides; see the expiry test]';
  it.skipIf(!options.clockJudgesExpiry)(lapseTitle, async () => {
    await withStores(async (first, second, clock) => {
      const key = unique('lapse');
      expect(await first.claim(key, 10_000)).toBe(true);
      clock.advance(9_999);
      expect(await second.claim(key, 10_000)).toBe(false);
      clock.advance(1);
      expect(await second.claim(key, 10_000)).toBe(true);

      // The first owner's late release leaves the second owner's claim in place.
      await first.release(key);
      expect(await first.claim(key, 10_000)).toBe(false);
    });
  });

  it('close twice', async () => {
    const store = await openStore(url());
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
}
