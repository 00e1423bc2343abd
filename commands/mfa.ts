import type { webApi } from '@slack/bolt';
import { isBmsError } from '../src/bms/errors.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { reportListenerError } from '../src/slack/error-boundary.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import type { ListenerRegistry, ViewSubmissionArgs } from '../src/slack/registry.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { isSessionError } from '../src/vault/session-error.ts';
import { loggedInText } from '../views/login-modal.ts';
import {
  buildMfaModal,
  buildMfaNoticeModal,
  MFA_VIEW,
  type MfaModalMetadata,
  readMfaCode,
  readMfaMetadata,
} from '../views/mfa-modal.ts';
import { MFA_PROMPT_ACTION, mfaPausedText } from '../views/mfa-prompt.ts';
import { LOGIN_ACK_DEADLINE_MS, settle, withinDeadline } from './login-deadline.ts';
import { finishLogin } from './login-finish.ts';

const CODE_FORMAT_TEXT = 'Enter the 6-digit code from your authenticator app, like 123456.';
const WRONG_CODE_TEXT = 'BMS rejected this code. Enter the current code from your authenticator app.';

/**
 * Registers the DM's "Enter MFA code" button and the code modal. The code is never logged and
 * never echoed: it goes from the view's state to the session manager only.
 */
export function registerMfa(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.action(MFA_PROMPT_ACTION, async ({ body, action, client }) => {
    const pendingId = action.type === 'button' ? action.value : undefined;
    // Opened first: the trigger id lives 3 s. Pauses and stale prompts are reported on submit.
    await client.views.open({ trigger_id: body.trigger_id, view: buildMfaModal({ pendingId }) });
  });
  registry.viewSubmission(MFA_VIEW.callbackId, (args) => submitMfaCode(args, deps));
}

async function submitMfaCode(args: ViewSubmissionArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, view, client } = args;
  const identity = identityOf(body);
  const metadata = readMfaMetadata(view.private_metadata);
  const code = readMfaCode(view.state.values);
  const { sessions, pending } = requireServices(deps);
  const fieldError = (message: string) =>
    ack({ response_action: 'errors', errors: { [MFA_VIEW.block]: message } });

  if (!/^\d{6}$/.test(code)) {
    await fieldError(CODE_FORMAT_TEXT);
    return;
  }
  const pausedUntil = await pending.mfaLocked(identity);
  if (pausedUntil !== undefined) {
    await fieldError(mfaPausedText(pausedUntil));
    return;
  }

  const work = settle(sessions.completeMfa(identity, code));
  const early = await withinDeadline(work, LOGIN_ACK_DEADLINE_MS);
  if (early) {
    if (early.ok) {
      await ack();
      await finishLogin(deps, client, identity, early.value, { firstPendingId: metadata.pendingId });
      return;
    }
    const problem = await problemOf(deps, identity, early.error);
    if (!problem) throw early.error;
    await fieldError(problem);
    return;
  }

  // BMS is slow: ack with a waiting view now, and show the outcome with views.update.
  await ack({ response_action: 'update', view: buildMfaNoticeModal('Checking the code with BMS...') });
  const late = await work;
  if (late.ok) {
    await client.views.update({ view_id: view.id, view: buildMfaNoticeModal(loggedInText(late.value)) });
    await finishLogin(deps, client, identity, late.value, { firstPendingId: metadata.pendingId });
    return;
  }
  await showLateFailure(deps, client, view.id, identity, metadata, late.error);
}

/** Returns the sentence to show on the code field, or undefined for failures the user cannot fix here. */
async function problemOf(
  deps: SlackDeps,
  identity: SlackIdentity,
  error: unknown,
): Promise<string | undefined> {
  if (isBmsError(error, 'mfa_invalid') || isBmsError(error, 'mfa_required')) {
    const pausedUntil = await requireServices(deps).pending.recordMfaFailure(identity);
    return pausedUntil === undefined ? WRONG_CODE_TEXT : mfaPausedText(pausedUntil);
  }
  if (isBmsError(error, 'bad_credentials')) {
    return 'BMS rejected the remembered password, so the app forgot it. Run /bms login to sign in again.';
  }
  if (isBmsError(error, 'account_locked')) {
    return 'Your BMS account is locked. Ask your BMS administrator to unlock it, then run /bms login.';
  }
  if (isSessionError(error, 'needs_login')) {
    return 'No login is waiting for a code any more. Run /bms login to sign in.';
  }
  return undefined;
}

async function showLateFailure(
  deps: SlackDeps,
  client: webApi.WebClient,
  viewId: string,
  identity: SlackIdentity,
  metadata: MfaModalMetadata,
  error: unknown,
): Promise<void> {
  const problem = await problemOf(deps, identity, error);
  if (problem) {
    await client.views.update({
      view_id: viewId,
      view: buildMfaModal(metadata, `:warning: ${problem}`),
    });
    return;
  }
  await reportListenerError(
    { error, listener: `view ${MFA_VIEW.callbackId}`, teamId: identity.teamId, userId: identity.userId },
    deps.logger,
    {
      route: 'modal',
      send: async (text) => {
        await client.views.update({ view_id: viewId, view: buildMfaNoticeModal(text) });
      },
    },
  );
}
