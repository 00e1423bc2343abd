import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suites start real loopback servers; two workers match the two cores of CI.
    maxWorkers: 2,
  },
});
