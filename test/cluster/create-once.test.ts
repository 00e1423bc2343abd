import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ACCOUNT_IDS, QUEUE_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type RunningServer, redisServerPath, startRedis } from '../store/servers.ts';
import {
  type ClusterHarness,
  type ClusterInstance,
  loginThrough,
  startClusterHarness,
} from '../support/cluster-harness.ts';
import { enterValue, FORM, openedForm, pickThrough, submissionBodyOf } from './cluster-flows.ts';

const CREATE_TICKET = 'POST /v2/servicedesk/tickets';
const USER = 'U0CLUSTERCREATE';

const title = redisServerPath
  ? 'ticket form across instances on redis'
  : 'ticket form across instances on redis [skipped: redis-server is not installed]';

describe.skipIf(!redisServerPath)(title, () => {
  let redis: RunningServer;
  let cluster: ClusterHarness;
  let first: ClusterInstance;
  let second: ClusterInstance;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startClusterHarness({ storeUrl: redis.url });
    [first, second] = cluster.instances as [ClusterInstance, ClusterInstance];
    await loginThrough(first, cluster.identity(USER));
  });
  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  async function ticketsTitled(ticketTitle: string): Promise<number> {
    const api = await first.runtime.services.sessions.api(cluster.identity(USER));
    return (await api.searchTickets({ title: ticketTitle })).total;
  }

  /** Opens the form through the first instance and fills it, choosing the account through the second. */
  async function filledForm(ticketTitle: string): Promise<string> {
    const command = await first.driver.command('/bms', `create ${ticketTitle}`, { user: USER });
    const viewId = await openedForm(cluster.fake, command.triggerId);
    const contoso = { value: String(CONTOSO_ACCOUNT_IDS.contoso), text: 'Contoso' };
    await pickThrough(cluster, 1, viewId, 'create_ticket_account', contoso, USER);
    enterValue(cluster.fake, viewId, 'create_ticket_details', 'Submitted to both instances at once.');
    enterValue(cluster.fake, viewId, 'create_ticket_queue', String(QUEUE_IDS.serviceDesk));
    return viewId;
  }

  /** Waits until the view shows the created ticket, which the instance that created it sends by views.update. */
  async function createdShown(viewId: string): Promise<void> {
    const update = await cluster.fake.waitForCall(
      'views.update',
      (call) =>
        call.args.view_id === viewId && /Created .*T\d{8}\.\d{4}/.test(JSON.stringify(call.args.view)),
      15_000,
    );
    expect(update.result.ok).toBe(true);
  }

  it('create one ticket from both instances', async () => {
    const ticketTitle = 'Cluster double submission';
    const viewId = await filledForm(ticketTitle);
    const body = submissionBodyOf(cluster.fake, viewId);
    const before = cluster.sandbox.stats();

    const acks = await Promise.all([first.driver.send(body, FORM), second.driver.send(body, FORM)]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    const answers = acks.map((ack) => ack.body as Json);
    expect(answers.map((answer) => answer.response_action)).toEqual(['update', 'update']);
    const duplicates = answers.filter((answer) => /already (being )?created/.test(JSON.stringify(answer)));
    expect(duplicates).toHaveLength(1);
    await createdShown(viewId);

    expect((cluster.sandbox.stats()[CREATE_TICKET] ?? 0) - (before[CREATE_TICKET] ?? 0)).toBe(1);
    expect(await ticketsTitled(ticketTitle)).toBe(1);
  });

  it('answer a resent submission from the stored result', async () => {
    const ticketTitle = 'Cluster resent submission';
    const viewId = await filledForm(ticketTitle);
    const body = submissionBodyOf(cluster.fake, viewId);

    const created = await first.driver.send(body, FORM);
    expect((created.body as Json).response_action).toBe('update');
    await createdShown(viewId);
    const before = cluster.sandbox.stats();
    // Slack resends the payload to whichever instance the load balancer picks.
    const resent = await second.driver.send(body, FORM);
    const answer = resent.body as Json;
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('already created');
    expect((cluster.sandbox.stats()[CREATE_TICKET] ?? 0) - (before[CREATE_TICKET] ?? 0)).toBe(0);
    expect(await ticketsTitled(ticketTitle)).toBe(1);
  });

  it('search accounts the other instance cached', async () => {
    const viewId = await filledForm('Cluster cached accounts');
    // The sandbox's accounts make a large tenant, searched by name. The first instance requests the
    // search from BMS, and the second reads its result from the shared store.
    await first.driver.options({ viewId, actionId: 'create_ticket_account', value: 'cont' }, { user: USER });
    const before = cluster.sandbox.stats();
    const options = await second.driver.options(
      { viewId, actionId: 'create_ticket_account', value: 'cont' },
      { user: USER },
    );
    const values = ((options.body as Json).options as Json[]).map((option) => option.value);
    expect(values.slice(0, 3)).toEqual(Object.values(CONTOSO_ACCOUNT_IDS).map(String));
    expect(cluster.sandbox.stats()['GET /v2/crm/accounts/lookup'] ?? 0).toBe(
      before['GET /v2/crm/accounts/lookup'] ?? 0,
    );
  });
});
