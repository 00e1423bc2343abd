import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bms, messageText } from '../slack/flow-helpers.ts';
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
