import pg from 'pg';
import { expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.ts';
import { openPostgresBackend } from '../../src/store/postgres.ts';

it('postgres pool survives a closed idle connection', async () => {
  const logger = createMemoryLogger();
  // Port 1 refuses at once; opening fails, but the pool guard is installed before connecting.
  await expect(openPostgresBackend('postgres://nobody@127.0.0.1:1/none', logger)).rejects.toThrow();

  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
  // Without a listener, EventEmitter throws on 'error' and the process would crash.
  expect(() =>
    pool.emit('error', new Error('terminating connection due to administrator command')),
  ).not.toThrow();
  expect(logger.lines.some((line) => line.includes('PostgreSQL closed an idle store connection'))).toBe(true);
  await pool.end();
});
