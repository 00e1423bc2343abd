import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCENTED_ACCOUNT_IDS,
  CONTOSO_ACCOUNT_IDS,
  ISSUE_TYPE_IDS,
  LOOKUP_TABLE_NAMES,
  mainLocationIdOf,
  QUEUE_IDS,
  SANDBOX_USERS,
  type SandboxServer,
  STATUS_IDS,
  startSandbox,
  TICKET_TEMPLATE_IDS,
} from '../../src/sandbox/index.ts';
import { accessTokenFor, type BmsCaller, bmsCaller } from './helpers.ts';

let sandbox: SandboxServer;
let bms: BmsCaller;

beforeAll(async () => {
  sandbox = await startSandbox({ tickets: 200 });
  bms = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
});
afterAll(async () => {
  await sandbox.close();
});

interface Row {
  Id: number;
  Name: string;
  IsDefault?: boolean;
  IsMain?: boolean;
  IsActive?: boolean;
}

describe('account lookup', () => {
  it('finds the Contoso look-alikes', async () => {
    const response = await bms.get('/v2/crm/accounts/lookup?Filter.Name=CONTOSO');
    expect(response.body.TotalRecords).toBe(3);
    expect(response.body.Result.map((row: Row) => row.Id).sort()).toEqual(
      Object.values(CONTOSO_ACCOUNT_IDS).sort(),
    );
  });

  it('keeps accents and ampersands', async () => {
    const cafe = await bms.get(`/v2/crm/accounts/lookup?Filter.Name=${encodeURIComponent('déjà')}`);
    expect(cafe.body.Result.map((row: Row) => row.Id)).toContain(ACCENTED_ACCOUNT_IDS.cafeDejaVu);
    const muller = await bms.get(
      `/v2/crm/accounts/lookup?Filter.Name=${encodeURIComponent('Müller & Söhne')}`,
    );
    expect(muller.body.Result[0].Name).toBe('Müller & Söhne GmbH');
  });

  it('pages with total', async () => {
    const first = await bms.get('/v2/crm/accounts/lookup');
    expect(first.body.Result).toHaveLength(50);
    expect(first.body.TotalRecords).toBeGreaterThan(1900);
    const big = await bms.get('/v2/crm/accounts/lookup?PageSize=500&PageNumber=2');
    expect(big.body.Result).toHaveLength(500);
    const beyond = await bms.get('/v2/crm/accounts/lookup?PageSize=500&PageNumber=100');
    expect(beyond.body.Result).toEqual([]);
  });

  it('refuses bad paging', async () => {
    expect((await bms.get('/v2/crm/accounts/lookup?PageSize=501')).status).toBe(400);
    expect((await bms.get('/v2/crm/accounts/lookup?PageNumber=0')).status).toBe(400);
    expect((await bms.get('/v2/crm/accounts/lookup?PageSize=ten')).status).toBe(400);
  });

  it('hides inactive unless asked', async () => {
    const active = await bms.get('/v2/crm/accounts/lookup?PageSize=1');
    const all = await bms.get('/v2/crm/accounts/lookup?PageSize=1&Filter.WithInactiveAccounts=true');
    expect(all.body.TotalRecords).toBeGreaterThan(active.body.TotalRecords ?? 0);
  });

  it('filters by ids', async () => {
    const response = await bms.get('/v2/crm/accounts/lookup?Filter.Ids=1,4');
    expect(response.body.Result.map((row: Row) => row.Id).sort()).toEqual([1, 4]);
  });
});

describe('location lookup', () => {
  it('has exactly one main location', async () => {
    for (const accountId of [1, 2, 3, 500, 1999]) {
      const response = await bms.get(`/v2/crm/accounts/${accountId}/locations/lookup`);
      const rows = response.body.Result as Row[];
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.length).toBeLessThanOrEqual(4);
      expect(rows.filter((row) => row.IsMain).map((row) => row.Id)).toEqual([mainLocationIdOf(accountId)]);
    }
  });

  it('unknown account is 404', async () => {
    const response = await bms.get('/v2/crm/accounts/999999/locations/lookup');
    expect(response.status).toBe(404);
    expect(response.body.Error?.Message).toBe('Account 999999 was not found.');
  });

  it('names recur across accounts', async () => {
    const names = new Set<string>();
    for (const accountId of [1, 2, 3, 4, 5]) {
      const rows = (await bms.get(`/v2/crm/accounts/${accountId}/locations/lookup`)).body.Result as Row[];
      for (const row of rows) names.add(row.Name);
    }
    expect(names.size).toBeLessThan(12);
  });
});

describe('contact lookup', () => {
  it('lists contacts of the account', async () => {
    const response = await bms.get(`/v2/crm/accounts/${CONTOSO_ACCOUNT_IDS.contoso}/contacts/lookup`);
    expect(response.status).toBe(200);
    expect(response.body.Result.length).toBeGreaterThan(0);
    expect(response.body.Result[0].LocationName).toBeTruthy();
  });
});

describe('system lookups', () => {
  it('statuses', async () => {
    const rows = (await bms.get('/v2/system/statuses/lookup')).body.Result as Row[];
    expect(rows.map((row) => row.Name)).toEqual([
      'New',
      'Open',
      'In Progress',
      'Waiting on Customer',
      'Completed',
      'Closed',
    ]);
    expect(rows.find((row) => row.Name === 'Open')?.Id).toBe(STATUS_IDS.open);
  });

  it('priorities have one default', async () => {
    const rows = (await bms.get('/v2/system/priorities/lookup')).body.Result as Row[];
    expect(rows.filter((row) => row.IsDefault)).toHaveLength(1);
  });

  it('queues include Service Desk', async () => {
    const rows = (await bms.get('/v2/system/queues/lookup')).body.Result as Row[];
    expect(rows.find((row) => row.Name === 'Service Desk')?.Id).toBe(QUEUE_IDS.serviceDesk);
  });

  it('note types table', async () => {
    const rows = (await bms.get(`/v2/system/lookup/${LOOKUP_TABLE_NAMES.noteTypes}`)).body.Result as Row[];
    expect(rows.map((row) => `${row.Id}:${row.Name}`)).toEqual([
      '0:Email Sent',
      '1:Email Received',
      '2:General Notes',
      '3:Phone Call',
      '4:Resolution',
    ]);
  });

  it('generic tables have a default', async () => {
    for (const table of Object.values(LOOKUP_TABLE_NAMES)) {
      const rows = (await bms.get(`/v2/system/lookup/${table}`)).body.Result as Row[];
      expect(rows.some((row) => row.IsDefault)).toBe(true);
    }
  });

  it('unknown table is 404', async () => {
    expect((await bms.get('/v2/system/lookup/Nope')).status).toBe(404);
  });

  it('issue types and sub-types', async () => {
    const types = (await bms.get('/v2/system/issuetypes/lookup?Filter.Name=hard')).body.Result as Row[];
    expect(types.map((row) => row.Id)).toEqual([ISSUE_TYPE_IDS.hardware]);
    const subTypes = await bms.get(`/v2/system/issuetypes/${ISSUE_TYPE_IDS.hardware}/issuesubtypes/lookup`);
    expect(subTypes.body.Result.length).toBeGreaterThan(0);
  });

  it('work types have one default', async () => {
    const rows = (await bms.get('/v2/system/worktypes/lookup')).body.Result as Row[];
    expect(rows.filter((row) => row.IsDefault)).toHaveLength(1);
  });

  it('assignees filter by name', async () => {
    const rows = (await bms.get('/v2/hr/assignees/lookup?Filter.Name=jane')).body.Result as Row[];
    expect(rows.map((row) => row.Name)).toEqual(['Jane Doe', 'Jane Doerr']);
    expect(rows[0]?.Id).toBe(SANDBOX_USERS.jane.userId);
  });
});

describe('templates', () => {
  it('ticket template lookup and get', async () => {
    const rows = (await bms.get('/v2/servicedesk/templates/tickets/lookup')).body.Result as Row[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const template = await bms.get(`/v2/servicedesk/templates/tickets/${TICKET_TEMPLATE_IDS.passwordReset}`);
    expect(template.body.Result.Title).toBe('Password reset');
    expect(template.body.Result.QueueId).toBe(QUEUE_IDS.serviceDesk);
    expect(template.body.Result.AssigneeId).toBeNull();
  });

  it('unknown template is 404', async () => {
    const response = await bms.get('/v2/servicedesk/templates/tickets/999');
    expect(response.status).toBe(404);
    expect(response.body.Error?.Message).toBe('Template 999 was not found.');
  });

  it('note and time-log templates', async () => {
    expect((await bms.get('/v2/servicedesk/templates/notes/lookup')).body.Result.length).toBeGreaterThan(0);
    expect((await bms.get('/v2/servicedesk/templates/timelogs/lookup')).body.Result.length).toBeGreaterThan(
      0,
    );
  });
});
