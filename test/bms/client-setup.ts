import { type BmsClient, type BmsClientOptions, BmsError, createBmsClient } from '../../src/bms/index.ts';
import { createManualClock } from '../../src/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';

export interface TestClient {
  client: BmsClient;
  logger: ReturnType<typeof createMemoryLogger>;
  clock: ReturnType<typeof createManualClock>;
  /** Every wait the client asked for, in ms. Waiting only moves the manual clock. */
  sleeps: number[];
}

/** Creates a client for `baseUrl` whose waits move a manual clock instead of passing real time. */
export function createTestClient(baseUrl: string, options: Partial<BmsClientOptions> = {}): TestClient {
  const clock = createManualClock();
  const logger = createMemoryLogger();
  const sleeps: number[] = [];
  const client = createBmsClient({
    baseUrl,
    logger,
    clock,
    timeoutMs: 2000,
    ...options,
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      ...options.retry,
    },
  });
  return { client, logger, clock, sleeps };
}

/** Runs `action` and returns the BmsError it rejects with; fails the test when it resolves or throws something else. */
export async function captureBmsError(action: () => Promise<unknown>): Promise<BmsError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof BmsError) return error;
    throw error;
  }
  throw new Error('expected a BmsError, but the call succeeded');
}
