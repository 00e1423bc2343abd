import { describe, expect, it } from 'vitest';
import { createBmsClient } from '../../src/bms/index.ts';
import { createMemoryLogger } from '../../src/log.ts';

describe('transport error message', () => {
  it('keeps a refused write out of doubt', async () => {
    // Port 1 on loopback refuses at once, so nothing was ever sent.
    const client = createBmsClient({
      baseUrl: 'http://127.0.0.1:1',
      logger: createMemoryLogger(),
      retry: { sleep: async () => {} },
    });
    const error = await client
      .withToken('token')
      .createNote(1, { Details: 'x', IsInternal: true, TypeId: 2, NoteDate: '2026-04-07T12:00:00+00:00' })
      .catch((caught: unknown) => caught);
    await client.close();
    expect(error).toMatchObject({ kind: 'transport' });
    expect((error as Error).message).toContain('refused the connection');
    expect((error as Error).message).not.toContain('may or may not');
  });
});
