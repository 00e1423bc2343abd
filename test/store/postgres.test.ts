import { afterAll, beforeAll, describe } from 'vitest';
import { storeContract } from './contract.ts';
import { postgresUnavailable, type RunningServer, startPostgres } from './servers.ts';

const title = postgresUnavailable
  ? `store on postgres [skipped: ${postgresUnavailable}]`
  : 'store on postgres';

describe.skipIf(postgresUnavailable !== undefined)(title, () => {
  let server: RunningServer | undefined;
  const url = () => {
    if (!server) throw new Error('PostgreSQL did not start');
    return server.url;
  };

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  storeContract(url, { clockJudgesExpiry: true });
});
