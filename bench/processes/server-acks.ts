import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Spread, spreadOf } from '../stats.ts';

/** Request header in which the bench names the kind of each request, so that the app side can time kinds apart. */
export const KIND_HEADER = 'x-bench-kind';

/**
 * Times each request in the app process itself, from its headers' arrival to the end of the
 * response (the ack), through Node's `http.server.*` diagnostics channels. Compared with the
 * driver's times, it separates the app's own delay from the driver's and the network's.
 */
export function createServerAcks() {
  const started = new WeakMap<IncomingMessage, number>();
  let byKind = new Map<string, number[]>();

  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    started.set(request, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const start = started.get(request);
    const kind = request.headers[KIND_HEADER];
    if (start === undefined || typeof kind !== 'string') return;
    const times = byKind.get(kind) ?? [];
    times.push(performance.now() - start);
    byKind.set(kind, times);
  });

  return {
    reset() {
      byKind = new Map();
    },
    read(): Record<string, Spread> {
      return Object.fromEntries([...byKind].map(([kind, times]) => [kind, spreadOf(times)]));
    },
  };
}
