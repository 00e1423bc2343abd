import { performance } from 'node:perf_hooks';
import type { UserCache } from '../../src/cache/index.ts';
import type { SlackServices } from '../../src/slack/deps.ts';
import { type Spread, spreadOf } from '../stats.ts';

/**
 * Times the service calls the listeners make before they ack (session reads, cache reads),
 * by wrapping the services the app is built with. The app's own code is unchanged; only the
 * objects it receives are wrapped, so a listener's steps show up by name.
 */
export function createSpans() {
  let durations = new Map<string, number[]>();

  const record = (name: string, ms: number) => {
    const list = durations.get(name) ?? [];
    list.push(ms);
    durations.set(name, list);
  };

  /** Wraps each async method of `target` named in `names`, recording its time as `prefix.name`. */
  const wrap = <Target extends object>(target: Target, prefix: string, names: readonly string[]): Target =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property !== 'string' || !names.includes(property) || typeof value !== 'function')
          return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (value as (...callArgs: unknown[]) => Promise<unknown>).apply(object, args);
          } finally {
            record(`${prefix}.${property}`, performance.now() - started);
          }
        };
      },
    });

  return {
    instrument(services: SlackServices): SlackServices {
      const cache = services.cache;
      return {
        ...services,
        sessions: wrap(services.sessions, 'sessions', ['accessToken', 'status']),
        store: wrap(services.store, 'store', ['claim', 'release']),
        cache: {
          ...cache,
          forUser: (scope, api) =>
            wrap<UserCache>(cache.forUser(scope, api), 'cache', [
              'searchAccounts',
              'locationOptions',
              'locations',
              'lookup',
              'accounts',
            ]),
          idle: () => cache.idle(),
        },
      };
    },
    reset() {
      durations = new Map();
    },
    read(): Record<string, Spread> {
      return Object.fromEntries([...durations].map(([name, list]) => [name, spreadOf(list)]));
    },
  };
}
