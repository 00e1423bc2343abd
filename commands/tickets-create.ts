import type { TicketTemplate } from '../src/bms/index.ts';
import {
  type CreateTicketRequest,
  createTicket,
  getTicketTemplate,
  mergeTemplate,
  resolveLocation,
} from '../src/services/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { UserContext } from '../src/slack/run-as-user.ts';
import { buildNotice } from '../views/notice-message.ts';
import { viewTicketButton } from '../views/ticket-actions.ts';
import { ticketLabel } from '../views/ticket-card.ts';
import { FieldProblems, resolveAccountOf, resolveNamedId } from './resolve-names.ts';
import { cardOf } from './ticket-view.ts';
import type { CommandOf, CommandWork } from './user-command.ts';

type TicketsCreateCommand = CommandOf<'tickets.create'>;

/** Resolves the location, by id as given or by name within the account; location names repeat across accounts. */
async function resolveLocationId(
  user: UserContext,
  parsed: TicketsCreateCommand,
  accountId: number | undefined,
  problems: FieldProblems,
): Promise<number | undefined> {
  const location = parsed.location;
  if (!location) return undefined;
  if (location.id !== undefined) return location.id;
  if (accountId === undefined) {
    // An account that did not resolve has its own problem listed already.
    if (!parsed.account)
      problems.add('LocationId', 'Give the account as well: location names repeat across accounts.');
    return undefined;
  }
  const resolution = await resolveLocation(user.cache, accountId, location.name ?? '');
  if (resolution.ok) return resolution.value.Id;
  problems.add('LocationId', resolution.message);
  return undefined;
}

/** Turns the flags into a create request: names resolved through the cache, a template's values laid under the flags. */
async function createRequestOf(
  user: UserContext,
  parsed: TicketsCreateCommand,
): Promise<CreateTicketRequest> {
  let template: TicketTemplate | undefined;
  if (parsed.templateId !== undefined) template = await getTicketTemplate(user.context, parsed.templateId);

  const problems = new FieldProblems();
  const account = parsed.account ? await problems.take(resolveAccountOf(user, parsed.account)) : undefined;
  const accountId = account?.Id ?? (parsed.account ? undefined : (template?.AccountId ?? undefined));
  const idOf = async (
    label: Parameters<typeof resolveNamedId>[1],
    value: TicketsCreateCommand['status'],
    field: string,
  ) => (value ? problems.take(resolveNamedId(user, label, value, field)) : undefined);

  const explicit: CreateTicketRequest = {
    Title: parsed.title,
    Details: parsed.details,
    AccountId: account?.Id,
    LocationId: await resolveLocationId(user, parsed, accountId, problems),
    StatusId: await idOf('status', parsed.status, 'StatusId'),
    PriorityId: await idOf('priority', parsed.priority, 'PriorityId'),
    TypeId: await idOf('ticket type', parsed.type, 'TypeId'),
    SourceId: await idOf('source', parsed.source, 'SourceId'),
    QueueId: await idOf('queue', parsed.queue, 'QueueId'),
    AssigneeId: await idOf('assignee', parsed.assignee, 'AssigneeId'),
    OpenDate: parsed.openDate,
  };
  problems.throwIfAny();
  return template ? mergeTemplate(template, explicit) : explicit;
}

/**
 * `tickets create ...`: exactly one POST. The reply is the new ticket's card, the list of
 * problems (nothing sent), or, when BMS's response was lost, what may have been created.
 */
export const createTicketFromFlags: CommandWork<TicketsCreateCommand> = async (run) => {
  const { deps, user } = run;
  const request = await createRequestOf(user, run.parsed);
  const outcome = await createTicket(user.context, request);
  if (outcome.kind === 'created') {
    const notice = `Ticket ${outcome.ticket.TicketNumber ?? outcome.ticket.Id} created.`;
    await run.reply(cardOf(deps, outcome.ticket, { shareable: true, notice }));
    return;
  }

  const possible = outcome.possibleTicket;
  if (!possible) {
    await run.reply(
      buildNotice(
        ':warning: BMS did not confirm the new ticket, so it may or may not have been created. Look for it with `/bms tickets list` before creating it again.',
      ),
    );
    return;
  }
  const notice = buildNotice(
    `:warning: BMS did not confirm the new ticket, but it may have been created: *${escapeMrkdwn(ticketLabel(possible))}*. Check it before creating the ticket again.`,
  );
  const [section] = notice.blocks;
  await run.reply({
    text: notice.text,
    blocks:
      section?.type === 'section' ? [{ ...section, accessory: viewTicketButton(possible) }] : notice.blocks,
  });
};
