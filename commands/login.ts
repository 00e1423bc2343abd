import type { ViewOutput, webApi } from '@slack/bolt';
import { isBmsError } from '../src/bms/errors.ts';
import type { AuthLoginCommand } from '../src/grammar/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { reportListenerError } from '../src/slack/error-boundary.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import type { ListenerRegistry, ViewSubmissionArgs } from '../src/slack/registry.ts';
import { requireServices } from '../src/slack/user-context.ts';
import {
  buildLoggedInModal,
  buildLoggingInModal,
  buildLoginModal,
  LOGIN_VIEW,
  type LoginField,
  type LoginForm,
  type LoginModalMetadata,
  readLoginForm,
  readLoginMetadata,
} from '../views/login-modal.ts';
import { LOGIN_PROMPT_ACTION } from '../views/login-prompt.ts';
import { mfaPausedText } from '../views/mfa-prompt.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import type { CommandHandler } from './bms-router.ts';
import { LOGIN_ACK_DEADLINE_MS, settle, withinDeadline } from './login-deadline.ts';
import { finishLogin } from './login-finish.ts';

/** `/bms login` and `/bms auth login`: opens the login modal. */
export const login: CommandHandler<AuthLoginCommand> = async ({ command, client, deps }) => {
  await openLoginModal(client, deps, command.trigger_id, { responseUrl: command.response_url });
};

/** Registers the "Log in to BMS" button of the login prompt and the login modal's submission. */
export function registerLogin(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.action(LOGIN_PROMPT_ACTION, async ({ body, client }) => {
    await openLoginModal(client, deps, body.trigger_id, { responseUrl: body.response_url });
  });
  registry.viewSubmission(LOGIN_VIEW.callbackId, (args) => submitLogin(args, deps));
}

/** Opens the modal before any other work, because the trigger id lives 3 s and works once. */
async function openLoginModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  triggerId: string,
  metadata: LoginModalMetadata,
): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: buildLoginModal({ tenant: deps.config.bms.tenant, metadata }),
  });
}

type FieldProblem = { field: LoginField; message: string };

async function submitLogin(args: ViewSubmissionArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, view, client } = args;
  const identity = identityOf(body);
  const form = readLoginForm(view.state.values);
  const metadata = readLoginMetadata(view.private_metadata);
  const { sessions, pending } = requireServices(deps);

  const invalid = checkLoginForm(form);
  if (invalid.length > 0) {
    const errors = Object.fromEntries(
      invalid.map((problem) => [LOGIN_VIEW.blocks[problem.field], problem.message]),
    );
    await ack({ response_action: 'errors', errors });
    return;
  }
  if (form.mfaCode !== '') {
    const pausedUntil = await pending.mfaLocked(identity);
    if (pausedUntil !== undefined) {
      await ack({
        response_action: 'errors',
        errors: { [LOGIN_VIEW.blocks.mfaCode]: mfaPausedText(pausedUntil) },
      });
      return;
    }
  }

  const work = settle(
    sessions.login(identity, {
      tenant: form.tenant,
      userName: form.userName,
      password: form.password,
      mfaCode: form.mfaCode || undefined,
      rememberPassword: form.rememberPassword,
    }),
  );
  const early = await withinDeadline(work, LOGIN_ACK_DEADLINE_MS);

  if (early) {
    if (early.ok) {
      await ack();
      await finishLogin(deps, client, identity, early.value, metadata);
      return;
    }
    const problem = await fieldProblemOf(deps, identity, early.error);
    if (!problem) throw early.error;
    await ack({ response_action: 'errors', errors: { [LOGIN_VIEW.blocks[problem.field]]: problem.message } });
    return;
  }

  // BMS is slow: ack with a waiting view now, and show the outcome with views.update.
  await ack({ response_action: 'update', view: buildLoggingInModal() });
  const late = await work;
  if (late.ok) {
    await client.views.update({ view_id: view.id, view: buildLoggedInModal(late.value) });
    await finishLogin(deps, client, identity, late.value, metadata);
    return;
  }
  await showLateFailure(deps, client, view, identity, form, metadata, late.error);
}

/**
 * Returns every mistake of the form that needs no BMS call, so that one submission shows them
 * all. Slack requires the inputs, but a value of spaces only reaches the app as empty.
 */
function checkLoginForm(form: LoginForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (form.tenant === '') problems.push({ field: 'tenant', message: 'Enter your BMS tenant name.' });
  if (form.userName === '') problems.push({ field: 'userName', message: 'Enter your BMS user name.' });
  if (form.password.trim() === '') problems.push({ field: 'password', message: 'Enter your BMS password.' });
  if (form.mfaCode !== '' && !/^\d{6}$/.test(form.mfaCode)) {
    problems.push({
      field: 'mfaCode',
      message: 'An MFA code is 6 digits, like 123456: enter the current one.',
    });
  }
  return problems;
}

/** Maps a failed login to the field the user must change; undefined for failures no field can fix. */
async function fieldProblemOf(
  deps: SlackDeps,
  identity: SlackIdentity,
  error: unknown,
): Promise<FieldProblem | undefined> {
  if (!isBmsError(error)) return undefined;
  switch (error.kind) {
    case 'bad_credentials':
      return {
        field: 'password',
        message: 'BMS rejected the tenant, user name or password. Check them and try again.',
      };
    case 'account_locked':
      return {
        field: 'userName',
        message: 'This BMS account is locked. Ask your BMS administrator to unlock it.',
      };
    case 'mfa_required':
      return {
        field: 'mfaCode',
        message: 'This account needs an MFA code: enter the 6-digit code from your authenticator app.',
      };
    case 'mfa_invalid': {
      const pausedUntil = await requireServices(deps).pending.recordMfaFailure(identity);
      return {
        field: 'mfaCode',
        message:
          pausedUntil === undefined
            ? 'BMS rejected this MFA code. Enter the current code from your authenticator app.'
            : mfaPausedText(pausedUntil),
      };
    }
    default:
      return undefined;
  }
}

/**
 * Shows a failure that came after the ack. Field errors exist only in acks, so the form comes
 * back with the problem above the field.
 * NOTE: the password and code are not sent back to Slack, so after a slow failure the user types
 * them again.
 */
async function showLateFailure(
  deps: SlackDeps,
  client: webApi.WebClient,
  view: ViewOutput,
  identity: SlackIdentity,
  form: LoginForm,
  metadata: LoginModalMetadata,
  error: unknown,
): Promise<void> {
  const problem = await fieldProblemOf(deps, identity, error);
  if (problem) {
    await client.views.update({
      view_id: view.id,
      view: buildLoginModal({
        tenant: form.tenant,
        userName: form.userName,
        rememberPassword: form.rememberPassword,
        metadata,
        problem,
      }),
    });
    return;
  }
  await reportListenerError(
    {
      error,
      listener: `view ${LOGIN_VIEW.callbackId}`,
      teamId: identity.teamId,
      userId: identity.userId,
    },
    deps.logger,
    {
      route: 'modal',
      send: async (text) => {
        await client.views.update({
          view_id: view.id,
          view: buildNoticeModal({ title: 'Log in to BMS', text }),
        });
      },
    },
  );
}
