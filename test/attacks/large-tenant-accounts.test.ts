import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/slack-api.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import { openedView } from '../slack/ticket-form-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** `/bms accounts` and `--account NAME` on the sandbox's 2,000 accounts, which make a large tenant. */

const USER = 'U0JANE';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

describe('accounts page attacks', () => {
  it.each([
    ['zero', '0', 'pages start at 1'],
    ['negative', '-3', 'pages start at 1'],
    ['text', 'two', 'whole number'],
    ['huge', '99999999999', 'too large'],
  ])('rejects a %s page', async (_name, page, words) => {
    const { reply } = await bms(harness, `accounts --page ${page}`);
    expect(messageText(reply)).toContain(words);
  });

  it('shows the last page for a page past the end', async () => {
    const { reply } = await bms(harness, 'accounts --page 5000');
    const text = messageText(reply);
    expect(text).toMatch(/page (\d+) of \1/i);
  });
});

describe('account name on a large tenant', () => {
  it('counts every partial match', async () => {
    // 115 active sandbox accounts contain "GmbH", more than one page of the account lookup.
    const { reply } = await bms(harness, 'locations --account gmbh');
    const text = messageText(reply);
    expect(text).not.toContain('matches 100 accounts');
    expect(text).toContain('matches 115 accounts');
  });
});

describe('account search on a large tenant', () => {
  it('serves the next search after BMS fails', async () => {
    const opened = await harness.driver.command('/bms', 'create Search fault', { user: USER });
    const viewId = await openedView(harness, opened.triggerId);
    await harness.bmsFault({ fault: 'http500', method: 'GET', path: '/v2/crm/accounts/lookup', times: 0 });
    try {
      const failed = await harness.driver.options(
        { viewId, actionId: 'create_ticket_account', value: 'plumbing' },
        { user: USER },
      );
      expect(failed.status).toBe(200);
      expect(failed.violations).toEqual([]);
      expect((failed.body as Json).options).toEqual([]);
    } finally {
      await fetch(`${harness.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }

    const served = await harness.driver.options(
      { viewId, actionId: 'create_ticket_account', value: 'plumbing' },
      { user: USER },
    );
    expect(((served.body as Json).options as Json[]).length).toBeGreaterThan(0);
  });
});
