import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
} from '../../src/sandbox/index.ts';
import { MFA_VIEW } from '../../views/mfa-modal.ts';
import { MFA_PROMPT_ACTION, MFA_WAITING_TEXT } from '../../views/mfa-prompt.ts';
import type { Json } from '../fakes/slack-api.ts';
import { type RunningServer, redisServerPath, startRedis } from '../store/servers.ts';
import {
  type ClusterHarness,
  type ClusterInstance,
  startClusterHarness,
} from '../support/cluster-harness.ts';
import { directMessagesTo, FORM, postsTo, responsePostOf, submissionBodyOf } from './cluster-flows.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const GET_TICKET = 'GET /v2/servicedesk/tickets/{ticketId}';

const title = redisServerPath
  ? 'MFA across instances on redis'
  : 'MFA across instances on redis [skipped: redis-server is not installed]';

describe.skipIf(!redisServerPath)(title, () => {
  let redis: RunningServer;
  let cluster: ClusterHarness;
  let first: ClusterInstance;
  let second: ClusterInstance;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startClusterHarness({ storeUrl: redis.url });
    [first, second] = cluster.instances as [ClusterInstance, ClusterInstance];
  });
  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  /**
   * Logs an MFA user in through the first instance, lets the session run out, and runs
   * `/bms ticket` there: the operation waits in the shared store and the DM prompt goes out.
   * The prompt's button is clicked through the second instance, which opens the code modal.
   */
  async function waitForCode(user: string): Promise<{ commandUrl?: string; viewId: string }> {
    await first.runtime.services.sessions.login(cluster.identity(user), {
      tenant: SANDBOX_TENANT,
      userName: SANDBOX_USERS.mfa.userName,
      password: SANDBOX_PASSWORD,
      mfaCode: SANDBOX_MFA_CODE,
      rememberPassword: true,
    });
    cluster.clock.advance(DAY_MS + 1000);

    const command = await first.driver.command('/bms', `ticket ${SAMPLE_TICKET_ID}`, { user });
    expect((await responsePostOf(cluster.fake, command.responseUrl)).text).toBe(MFA_WAITING_TEXT);
    const prompt = directMessagesTo(cluster.fake, user).at(-1);
    const clicked = await second.driver.blockAction(
      {
        message: { channel: String(prompt?.args.channel), ts: String(prompt?.result.ts) },
        actionId: MFA_PROMPT_ACTION,
      },
      { user },
    );
    const open = await cluster.fake.waitForCall(
      'views.open',
      (call) => call.args.trigger_id === clicked.triggerId,
    );
    return { commandUrl: command.responseUrl, viewId: String((open.result.view as Json).id) };
  }

  it('finish an MFA operation on the other instance', async () => {
    const user = 'U0MFAHANDOFF';
    const { commandUrl, viewId } = await waitForCode(user);
    const before = cluster.sandbox.stats();

    const submitted = await second.driver.submitView(viewId, { [MFA_VIEW.action]: SANDBOX_MFA_CODE });
    expect(submitted.outcome).toBe('closed');
    const card = await responsePostOf(cluster.fake, commandUrl, 1);
    expect((card.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);

    // The first instance, which stored the operation, finds nothing left to run.
    expect(await first.runtime.services.pending.listPending(cluster.identity(user))).toEqual([]);
    expect((cluster.sandbox.stats()[GET_TICKET] ?? 0) - (before[GET_TICKET] ?? 0)).toBe(1);
    expect(postsTo(cluster.fake, commandUrl)).toBe(2);
  });

  it('finish once when both get the code', async () => {
    const user = 'U0MFABOTH';
    const { commandUrl, viewId } = await waitForCode(user);
    cluster.fake.setViewValue(viewId, MFA_VIEW.block, MFA_VIEW.action, {
      type: 'plain_text_input',
      value: SANDBOX_MFA_CODE,
    });
    const body = submissionBodyOf(cluster.fake, viewId);
    const before = cluster.sandbox.stats();

    const acks = await Promise.all([first.driver.send(body, FORM), second.driver.send(body, FORM)]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    const card = await responsePostOf(cluster.fake, commandUrl, 1);
    expect((card.blocks as Json[])[0]?.block_id).toBe(`ticket_card_${SAMPLE_TICKET_ID}`);

    // Both instances may log in with the code; the stored operation is taken by one of them only.
    for (const instance of cluster.instances) {
      expect(await instance.runtime.services.pending.listPending(cluster.identity(user))).toEqual([]);
    }
    expect((cluster.sandbox.stats()[GET_TICKET] ?? 0) - (before[GET_TICKET] ?? 0)).toBe(1);
    expect(postsTo(cluster.fake, commandUrl)).toBe(2);
  });
});
