import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

/** CPU time and event loop delay of this process over a phase, to show which process is short of CPU. */
export interface LoadFigures {
  wallMs: number;
  /** User plus system CPU time of the process; above `wallMs` means more than one core was busy. */
  cpuMs: number;
  /** How late timers fired: the time a callback waited for the event loop. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Garbage collections and their pauses; a long pause delays every request waiting for the loop. */
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

export interface LoadMeter {
  reset(): void;
  read(): LoadFigures;
}

export function createLoadMeter(): LoadMeter {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuAtReset = process.cpuUsage();
  let wallAtReset = performance.now();
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return {
    reset() {
      delay.reset();
      cpuAtReset = process.cpuUsage();
      wallAtReset = performance.now();
      Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
    },
    read() {
      const cpu = process.cpuUsage(cpuAtReset);
      return {
        wallMs: performance.now() - wallAtReset,
        cpuMs: (cpu.user + cpu.system) / 1000,
        loopDelayP50Ms: ms(delay.percentile(50)),
        loopDelayP99Ms: ms(delay.percentile(99)),
        loopDelayMaxMs: ms(delay.max),
        gcCount: gc.count,
        gcTotalMs: gc.totalMs,
        gcMaxMs: gc.maxMs,
      };
    },
  };
}
