import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A cap, not an expectation: the command-line suites start several tsx subprocesses per
    // test, which take many seconds each when the two cores are shared with other work.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The suites start real loopback servers; two workers match the two cores of CI.
    maxWorkers: 2,
  },
});
