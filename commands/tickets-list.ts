import type { TicketSearch } from '../src/bms/index.ts';
import type { NameOrId } from '../src/grammar/index.ts';
import { DEFAULT_PAGE_SIZE, searchTickets } from '../src/services/index.ts';
import type { UserContext } from '../src/slack/run-as-user.ts';
import { buildPager, pageCountOf } from '../views/pager.ts';
import { buildTicketList } from '../views/ticket-list.ts';
import { FieldProblems, type NamedLookup, resolveAccountOf, resolveNamed } from './resolve-names.ts';
import { COMMAND_PAGE_ACTIONS, type CommandOf, type CommandWork } from './user-command.ts';

type TicketsListCommand = CommandOf<'tickets.list'>;

/** The BMS search and its description in words, such as `status New, assignee Jane Doe`. */
interface ResolvedFilter {
  search: TicketSearch;
  described: string[];
}

/** Resolves a lookup value to the name BMS's search filters take. */
async function nameOf(
  user: UserContext,
  problems: FieldProblems,
  label: NamedLookup,
  wanted: NameOrId,
  field: string,
): Promise<string | undefined> {
  return (await problems.take(resolveNamed(user, label, wanted, field)))?.Name ?? undefined;
}

/**
 * Turns the typed filters into a BMS ticket search. Statuses, queues and priorities are matched
 * against the cached lookups and sent by name, and an account is sent by id. An assignee name is
 * sent as typed, because BMS matches assignee names by substring. An assignee id is looked up
 * for its name.
 */
async function resolveFilter(user: UserContext, parsed: TicketsListCommand): Promise<ResolvedFilter> {
  const problems = new FieldProblems();
  const search: TicketSearch = {};
  const described: string[] = [];

  const statuses: string[] = [];
  for (const status of parsed.statuses) {
    const name = await nameOf(user, problems, 'status', status, `StatusNames.${statuses.length}`);
    if (name) statuses.push(name);
  }
  if (statuses.length > 0) {
    search.status = statuses;
    described.push(`status ${statuses.join(' or ')}`);
  }

  let assignee: string | undefined;
  // NOTE: the search has no assignee id filter, so --mine sends the user's BMS name, and BMS
  // matches it by substring: "Jane Doe" also lists the tickets of "Jane Doerr".
  if (parsed.mine) assignee = user.session.bmsUserName;
  else if (parsed.assignee?.id !== undefined)
    assignee = await nameOf(user, problems, 'assignee', parsed.assignee, 'AssigneeName');
  else assignee = parsed.assignee?.name;
  if (assignee) {
    search.assigneeName = assignee;
    described.push(`assignee ${assignee}`);
  }

  if (parsed.account) {
    const account = await problems.take(resolveAccountOf(user, parsed.account, 'AccountIds'));
    if (account) {
      search.accountIds = [account.Id];
      described.push(`account ${account.Name}`);
    }
  }
  if (parsed.queue) {
    const queue = await nameOf(user, problems, 'queue', parsed.queue, 'QueueNames');
    if (queue) {
      search.queueNames = [queue];
      described.push(`queue ${queue}`);
    }
  }
  if (parsed.priority) {
    const priority = await nameOf(user, problems, 'priority', parsed.priority, 'PriorityNames');
    if (priority) {
      search.priorityNames = [priority];
      described.push(`priority ${priority}`);
    }
  }
  problems.throwIfAny();
  return { search, described };
}

/** `tickets list ...` and `mine`: one page of matching tickets, newest first, with a View button per row. */
export const listTickets: CommandWork<TicketsListCommand> = async (run) => {
  const { parsed, user } = run;
  const { search, described } = await resolveFilter(user, parsed);
  const page = run.page ?? parsed.page ?? 1;
  const found = await searchTickets(user.context, {
    ...search,
    pageNumber: page,
    pageSize: DEFAULT_PAGE_SIZE,
  });
  const pageCount = pageCountOf(found.total, DEFAULT_PAGE_SIZE);
  await run.reply(
    buildTicketList({
      tickets: found.items,
      total: found.total,
      page,
      pageCount,
      filters: described,
      pager:
        found.total > 0
          ? buildPager({ page, pageCount, actions: COMMAND_PAGE_ACTIONS, pageValue: run.pagerValue })
          : undefined,
    }),
  );
};
