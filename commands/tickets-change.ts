import { assignTicket, buildPatchOperation, patchTicket, resolveNoteType } from '../src/services/index.ts';
import { FieldProblems, noteTypesOf, noteTypeValue, resolveNamedId } from './resolve-names.ts';
import { cardOf } from './ticket-view.ts';
import type { CommandOf, CommandWork } from './user-command.ts';

/** `tickets patch <id> <path> <value> ...`: one PATCH with every change, replying with the changed ticket's card. */
export const patchTicketFields: CommandWork<CommandOf<'tickets.patch'>> = async (run) => {
  const { parsed, user, deps } = run;
  const operations = parsed.changes.map((change) => buildPatchOperation(change.path, change.value));
  const ticket = await patchTicket(user.context, parsed.ticketId, operations);
  const changed = parsed.changes.map((change) => `${change.path} ${change.value}`).join(', ');
  await run.reply(cardOf(deps, ticket, { shareable: true, notice: `Changed ${changed}.` }));
};

/**
 * `tickets assign <id> ...`: BMS's assign call, which records the assignment with a note of the
 * given type and moves the ticket to the given status. Names resolve through the cache.
 */
export const assignTicketTo: CommandWork<CommandOf<'tickets.assign'>> = async (run) => {
  const { parsed, user, deps } = run;
  const problems = new FieldProblems();
  const noteTypes = await noteTypesOf(user, deps);
  const typeId = await problems.take(
    Promise.resolve().then(() => resolveNoteType(noteTypeValue(parsed.type), noteTypes)),
  );
  const statusId = await problems.take(resolveNamedId(user, 'status', parsed.status, 'StatusId'));
  const queueId = parsed.queue
    ? await problems.take(resolveNamedId(user, 'queue', parsed.queue, 'QueueId'))
    : undefined;
  const assigneeId = parsed.assignee
    ? await problems.take(resolveNamedId(user, 'assignee', parsed.assignee, 'AssigneeId'))
    : undefined;
  problems.throwIfAny();

  const ticket = await assignTicket(user.context, parsed.ticketId, {
    Details: parsed.details,
    TypeId: typeId,
    StatusId: statusId,
    QueueId: queueId,
    AssigneeId: assigneeId,
    NoteDate: parsed.noteDate,
    IsInternal: !parsed.isPublic,
  });
  const to = [ticket.AssigneeName, ticket.QueueName ? `queue ${ticket.QueueName}` : undefined]
    .filter(Boolean)
    .join(', ');
  await run.reply(cardOf(deps, ticket, { shareable: true, notice: `Assigned to ${to || 'the new owner'}.` }));
};
