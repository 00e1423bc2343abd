import { notFound, type Reply, success } from '../envelope.ts';
import {
  ASSIGNEES,
  GENERIC_LOOKUP_TABLES,
  ISSUE_SUBTYPES,
  ISSUE_TYPES,
  PRIORITIES,
  QUEUES,
  STATUSES,
  WORK_TYPES,
} from '../lookups.ts';
import { pageOf, readPaging } from '../query.ts';
import type { LookupRow } from '../records.ts';
import { type AuthorizedContext, get, intParam, type Route } from '../route.ts';

function statuses(): Reply {
  return success(
    STATUSES.map((status, index) => ({
      Id: status.id,
      Name: status.name,
      FontColor: status.fontColor ?? null,
      Color: status.color ?? null,
      StatusOrder: index + 1,
      TypeId: status.typeId ?? 1,
      IsSystemStatus: 1,
      SlaEventId: null,
      IsActive: true,
    })),
  );
}

function priorities(): Reply {
  return success(
    PRIORITIES.map((priority) => ({
      Id: priority.id,
      Name: priority.name,
      Color: priority.color ?? null,
      IsDefault: priority.isDefault === true,
    })),
  );
}

function activeRows(rows: readonly LookupRow[]): Reply {
  return success(rows.map((row) => ({ Id: row.id, Name: row.name, IsActive: row.isActive !== false })));
}

function defaultableRows(rows: readonly LookupRow[]): Reply {
  return success(
    rows.map((row) => ({
      Id: row.id,
      Name: row.name,
      IsDefault: row.isDefault === true,
      IsActive: row.isActive !== false,
    })),
  );
}

function issueTypes({ query }: AuthorizedContext): Reply {
  const name = query.string('Filter.Name')?.toLowerCase();
  const rows = ISSUE_TYPES.filter((row) => name === undefined || row.name.toLowerCase().includes(name));
  return activeRows(rows);
}

function issueSubTypes(context: AuthorizedContext): Reply {
  const issueTypeId = intParam(context, 'issueTypeId');
  const rows = ISSUE_SUBTYPES.get(issueTypeId);
  if (!rows) throw notFound('Issue type', issueTypeId);
  return success(rows.map((row) => ({ Id: row.id, Name: row.name })));
}

/** Assignees by name substring and ids, sorted by name, paged like the other lookups. */
function assignees({ query }: AuthorizedContext): Reply {
  const paging = readPaging(query);
  const name = query.string('Filter.Name')?.toLowerCase();
  const ids = query.intList('Filter.Ids');
  const excludedIds = query.intList('Filter.ExcludedIds') ?? [];
  const matches = ASSIGNEES.filter(
    (assignee) =>
      (name === undefined || assignee.name.toLowerCase().includes(name)) &&
      (ids === undefined || ids.includes(assignee.id)) &&
      !excludedIds.includes(assignee.id),
  ).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return success(
    pageOf(matches, paging).map((assignee) => ({
      Id: assignee.id,
      Name: assignee.name,
      Url: null,
      EmailAddress: assignee.email,
      JobTitle: assignee.jobTitle,
      PictureName: null,
      PictureURL: null,
    })),
  );
}

/** `GET /v2/system/lookup/{tableName}`: TicketTypes, TicketSources and NoteTypes, any letter case. */
function genericLookup(context: AuthorizedContext): Reply {
  const tableName = context.params.tableName ?? '';
  const rows = GENERIC_LOOKUP_TABLES.get(tableName.toLowerCase());
  if (!rows) throw notFound('Lookup table', tableName);
  return defaultableRows(rows);
}

export const lookupRoutes: Route[] = [
  get('/v2/system/statuses/lookup', statuses),
  get('/v2/system/priorities/lookup', priorities),
  get('/v2/system/queues/lookup', () => activeRows(QUEUES)),
  get('/v2/system/issuetypes/lookup', issueTypes),
  get('/v2/system/issuetypes/{issueTypeId}/issuesubtypes/lookup', issueSubTypes),
  get('/v2/system/worktypes/lookup', () => defaultableRows(WORK_TYPES)),
  get('/v2/system/lookup/{tableName}', genericLookup),
  get('/v2/hr/assignees/lookup', assignees),
];
