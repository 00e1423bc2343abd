import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_TICKET_ID } from '../../src/sandbox/index.ts';
import { type RunningServer, redisServerPath, startRedis } from '../store/servers.ts';
import { type ClusterHarness, loginThrough, startClusterHarness } from '../support/cluster-harness.ts';

const title = redisServerPath
  ? 'two instances on redis'
  : 'two instances on redis [skipped: redis-server is not installed]';

describe.skipIf(!redisServerPath)(title, () => {
  let redis: RunningServer;
  let cluster: ClusterHarness;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startClusterHarness({ storeUrl: redis.url });
  });

  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  it('share one session', async () => {
    const [first, second] = cluster.instances;
    if (!first || !second) throw new Error('the cluster has fewer than two instances');
    const identity = cluster.identity('U0SHARED');
    await loginThrough(first, identity);

    const status = await second.runtime.services.sessions.status(identity);
    expect(status?.bmsUserName).toBe('Jane Doe');
    const api = await second.runtime.services.sessions.api(identity);
    expect((await api.getTicket(SAMPLE_TICKET_ID)).Id).toBe(SAMPLE_TICKET_ID);
  });

  it('grant a claim to one instance only', async () => {
    const claims = await Promise.all(
      cluster.instances.map((instance) =>
        instance.runtime.services.store.claim('cluster-test:one-winner', 60_000),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
