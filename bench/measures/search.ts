import { type AccountSearchBenchResult, runAccountSearchBench } from '../account-search.ts';
import { openTicketForm } from '../flows/create.ts';
import { type FlowContext, FlowMissing } from '../flows/flow.ts';
import { findElement, requestOptions } from '../flows/view-form.ts';
import type { BenchHarness } from '../harness.ts';
import { allKeystrokeQueries } from '../keystrokes.ts';
import { Samples } from '../samples.ts';
import { type Spread, spreadOf } from '../stats.ts';

export interface SearchFigures {
  /** UserCache.searchAccounts in the app over the sandbox's accounts, as the dropdown calls it: store stamp read included. */
  cache: Spread;
  /** Options requests of one technician, one at a time with nothing else running, timed at the driver. */
  optionsRequest: Spread | { missing: string } | { failed: string };
}

/** Times the account search in the app's cache and as whole options requests. */
export async function measureSearch(
  harness: BenchHarness,
  options: { userId: string; userName: string; waitMs: number },
): Promise<SearchFigures> {
  const queries = allKeystrokeQueries();
  const cache = await harness.app.call('searchAccounts', {
    identity: harness.identity(options.userId),
    userName: options.userName,
    queries,
    rounds: 5,
  });
  return { cache, optionsRequest: await timeOptionsRequests(harness, options, queries) };
}

/**
 * Times AccountIndex.search alone over generated names, in this process (bench/account-search.ts).
 * Call it before any process starts, so that nothing competes for the CPU.
 */
export function measureSearchIndex(accounts: number): AccountSearchBenchResult {
  return runAccountSearchBench({ accounts });
}

async function timeOptionsRequests(
  harness: BenchHarness,
  options: { userId: string; waitMs: number },
  queries: readonly string[],
): Promise<SearchFigures['optionsRequest']> {
  const context: FlowContext = {
    driver: harness.driver,
    fake: harness.fake,
    userId: options.userId,
    samples: new Samples(),
    random: Math.random,
    waitMs: options.waitMs,
  };
  try {
    const { view, account } = await openTicketForm(context);
    for (const query of queries) {
      const current = harness.fake.findView(view.id) ?? view;
      const element = findElement(current, new RegExp(`^${account.actionId}$`)) ?? account;
      await requestOptions(context, view.id, element, query);
    }
    await harness.driver.closeView(view.id);
    return spreadOf(context.samples.acks.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof FlowMissing ? { missing: message } : { failed: message };
  }
}
