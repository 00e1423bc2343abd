/** Milliseconds since the epoch. Injected wherever expiry or lifetimes are computed, so that tests move time instead of sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock that only moves when told to. */
export function createManualClock(
  start = Date.parse('2026-01-05T09:00:00Z'),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  const clock = (() => now) as Clock & { advance(ms: number): void; set(ms: number): void };
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (ms: number) => {
    now = ms;
  };
  return clock;
}
