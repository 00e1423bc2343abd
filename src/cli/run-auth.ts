import { renderFields } from './render-table.ts';
import type { CommandOutput, RunContext } from './run-context.ts';
import { deleteTokenFile, type StoredSession } from './token-file.ts';

/** A session as `--json` prints it: who and until when, never a token. */
export interface SessionView {
  signedIn: true;
  apiBase: string;
  tenant: string;
  userName: string;
  bmsUserId: number;
  bmsUserName: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  tokenFile: string;
}

function sessionView(session: StoredSession, tokenFile: string): SessionView {
  return {
    signedIn: true,
    apiBase: session.apiBase,
    tenant: session.tenant,
    userName: session.userName,
    bmsUserId: session.bmsUserId,
    bmsUserName: session.bmsUserName,
    accessTokenExpiresAt: new Date(session.accessTokenExpiresAt).toISOString(),
    refreshTokenExpiresAt: new Date(session.refreshTokenExpiresAt).toISOString(),
    tokenFile,
  };
}

function sessionOutput(heading: string, view: SessionView): CommandOutput {
  return {
    value: view,
    text: () =>
      [
        heading,
        renderFields([
          ['User', `${view.bmsUserName} (${view.userName}, id ${view.bmsUserId})`],
          ['Tenant', view.tenant],
          ['BMS', view.apiBase],
          ['Access until', view.accessTokenExpiresAt],
          ['Session until', view.refreshTokenExpiresAt],
          ['Token file', view.tokenFile],
        ]),
      ].join('\n'),
  };
}

export async function runLogin(run: RunContext): Promise<CommandOutput> {
  const session = await run.session.login();
  return sessionOutput('Signed in to BMS.', sessionView(session, run.settings.tokenFile));
}

export async function runRefresh(run: RunContext): Promise<CommandOutput> {
  const session = await run.session.refresh();
  return sessionOutput('Renewed the BMS session.', sessionView(session, run.settings.tokenFile));
}

/** Reads the token file only: it shows whether a session is stored, not whether BMS still accepts it. */
export async function runStatus(run: RunContext): Promise<CommandOutput> {
  const session = await run.session.stored();
  if (!session) {
    const view = { signedIn: false, apiBase: run.settings.apiBase, tokenFile: run.settings.tokenFile };
    return {
      value: view,
      text: () =>
        `Not signed in to ${view.apiBase}: no session in ${view.tokenFile}. Run bms auth login to sign in.`,
    };
  }
  const view = sessionView(session, run.settings.tokenFile);
  const expired = session.refreshTokenExpiresAt <= run.clock();
  const heading = expired
    ? 'The stored BMS session has expired; the next command signs in again.'
    : 'Signed in to BMS.';
  return sessionOutput(heading, view);
}

/** Deletes the token file. BMS has no call that ends a session, so the tokens stay valid until they expire. */
export async function runLogout(run: RunContext): Promise<CommandOutput> {
  const tokenFile = run.settings.tokenFile;
  const deleted = await deleteTokenFile(tokenFile);
  return {
    value: { signedIn: false, deleted, tokenFile },
    text: () =>
      deleted ? `Signed out: deleted ${tokenFile}.` : `Not signed in: ${tokenFile} does not exist.`,
  };
}
