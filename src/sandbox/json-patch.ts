import { type SubError, validationFailure } from './envelope.ts';
import { WRITABLE_TICKET_FIELDS, type WritableTicketField } from './ticket-rules.ts';
import { isPlainObject } from './validation.ts';

/** Ticket fields that exist but that no PATCH may change. */
const READ_ONLY_TICKET_FIELDS = new Set([
  'id',
  'ticketnumber',
  'createdby',
  'createdon',
  'modifiedby',
  'modifiedon',
]);
/** Fields that a ticket must always have, so `remove` cannot clear them. */
const REQUIRED_TICKET_FIELDS = new Set<WritableTicketField>([
  'Title',
  'Details',
  'AccountId',
  'LocationId',
  'StatusId',
  'PriorityId',
  'TypeId',
  'SourceId',
  'OpenDate',
]);

/**
 * Applies a JSON Patch (`add`, `replace`, `remove` on top-level ticket fields) to a copy of the
 * ticket's TicketInputDto. Paths match field names case-insensitively. Values are checked
 * afterwards by the same rules as a create. Throws a 400 listing every bad operation.
 */
export function applyTicketPatch(
  document: Record<WritableTicketField, unknown>,
  operations: unknown,
): Record<WritableTicketField, unknown> {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw validationFailure([
      { Field: 'body', Message: 'The body must be a non-empty JSON Patch array of {op, path, value}.' },
    ]);
  }
  const patched = { ...document };
  const errors: SubError[] = [];
  operations.forEach((operation, index) => {
    const error = applyOperation(patched, operation, index);
    if (error) errors.push(error);
  });
  if (errors.length > 0) throw validationFailure(errors);
  return patched;
}

function applyOperation(
  document: Record<WritableTicketField, unknown>,
  operation: unknown,
  index: number,
): SubError | undefined {
  const where = `[${index}]`;
  if (!isPlainObject(operation)) return { Field: where, Message: `Operation ${index} must be an object.` };
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    return { Field: `${where}.op`, Message: `Operation ${index}: op must be add, replace or remove.` };
  }
  if (typeof operation.path !== 'string') {
    return { Field: `${where}.path`, Message: `Operation ${index}: path is required, like "/StatusId".` };
  }
  const segment = operation.path.replace(/^\//, '');
  const field = WRITABLE_TICKET_FIELDS.find((name) => name.toLowerCase() === segment.toLowerCase());
  if (!field) {
    const message = READ_ONLY_TICKET_FIELDS.has(segment.toLowerCase())
      ? `${segment} cannot be changed.`
      : `The target location specified by path segment '${segment}' was not found.`;
    return { Field: segment, Message: message };
  }
  if (op === 'remove') {
    if (REQUIRED_TICKET_FIELDS.has(field))
      return { Field: field, Message: `${field} is required and cannot be removed.` };
    document[field] = null;
    return undefined;
  }
  if (!('value' in operation)) {
    return { Field: field, Message: `Operation ${index}: the value for path '/${field}' is missing.` };
  }
  document[field] = operation.value;
  return undefined;
}
