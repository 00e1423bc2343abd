import type { types, ViewStateValue } from '@slack/bolt';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';

/**
 * The BMS login modal.
 * NOTE: Slack has no password input, so the password field is an ordinary plain-text input.
 * Slack shows what is typed, and the password travels in the view's state like any other value;
 * the app never sends it back to Slack.
 */

export const LOGIN_VIEW = {
  callbackId: 'bms_login',
  blocks: {
    tenant: 'login_tenant',
    userName: 'login_user_name',
    password: 'login_password',
    remember: 'login_remember',
    mfaCode: 'login_mfa_code',
  },
  actions: {
    tenant: 'tenant',
    userName: 'user_name',
    password: 'password',
    remember: 'remember_password',
    mfaCode: 'mfa_code',
  },
} as const;

export type LoginField = keyof typeof LOGIN_VIEW.blocks;

const REMEMBER_VALUE = 'remember';

/** Values the user entered in the login modal. */
export interface LoginForm {
  tenant: string;
  userName: string;
  password: string;
  rememberPassword: boolean;
  /** Empty when the user left the optional field blank. */
  mfaCode: string;
}

/** Destination of the login confirmation: the response URL of the command or button that opened the modal. */
export interface LoginModalMetadata {
  responseUrl?: string;
}

export interface LoginModalOptions {
  tenant?: string;
  userName?: string;
  rememberPassword?: boolean;
  metadata?: LoginModalMetadata;
  /** A problem shown above one field, for updates after the ack (field errors only exist in acks). */
  problem?: { field: LoginField; message: string };
}

export function buildLoginModal(options: LoginModalOptions = {}): types.ModalView {
  const { blocks, actions } = LOGIN_VIEW;
  const rememberOption: types.Option = {
    text: { type: 'plain_text', text: 'Remember my password' },
    value: REMEMBER_VALUE,
    description: {
      type: 'plain_text',
      text: 'Next time, the app asks only for an MFA code.',
    },
  };
  const inputs: Record<LoginField, types.InputBlock> = {
    tenant: {
      type: 'input',
      block_id: blocks.tenant,
      label: { type: 'plain_text', text: 'BMS tenant' },
      element: {
        type: 'plain_text_input',
        action_id: actions.tenant,
        max_length: 100,
        ...(options.tenant ? { initial_value: options.tenant } : {}),
        placeholder: { type: 'plain_text', text: 'The company name you sign in to BMS with' },
      },
    },
    userName: {
      type: 'input',
      block_id: blocks.userName,
      label: { type: 'plain_text', text: 'User name' },
      element: {
        type: 'plain_text_input',
        action_id: actions.userName,
        max_length: 200,
        ...(options.userName ? { initial_value: options.userName } : {}),
      },
    },
    password: {
      type: 'input',
      block_id: blocks.password,
      label: { type: 'plain_text', text: 'Password' },
      hint: {
        type: 'plain_text',
        text: 'Slack has no hidden password field, so what you type here is visible on your screen.',
      },
      element: { type: 'plain_text_input', action_id: actions.password, max_length: 500 },
    },
    remember: {
      type: 'input',
      block_id: blocks.remember,
      optional: true,
      label: { type: 'plain_text', text: 'Saved password' },
      hint: {
        type: 'plain_text',
        text: 'Lets the app ask only for an MFA code next time your session ends; stored encrypted.',
      },
      element: {
        type: 'checkboxes',
        action_id: actions.remember,
        options: [rememberOption],
        ...(options.rememberPassword ? { initial_options: [rememberOption] } : {}),
      },
    },
    mfaCode: {
      type: 'input',
      block_id: blocks.mfaCode,
      optional: true,
      label: { type: 'plain_text', text: 'MFA code' },
      hint: {
        type: 'plain_text',
        text: 'The 6-digit code from your authenticator app, if BMS asks for one.',
      },
      element: { type: 'plain_text_input', action_id: actions.mfaCode, max_length: 10 },
    },
  };

  const body: types.KnownBlock[] = [];
  for (const field of Object.keys(inputs) as LoginField[]) {
    if (options.problem?.field === field) {
      body.push({
        type: 'section',
        block_id: `login_problem_${field}`,
        text: { type: 'mrkdwn', text: `:warning: ${escapeMrkdwn(options.problem.message)}` },
      });
    }
    body.push(inputs[field]);
  }

  return {
    type: 'modal',
    callback_id: LOGIN_VIEW.callbackId,
    title: { type: 'plain_text', text: 'Log in to BMS' },
    submit: { type: 'plain_text', text: 'Log in' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(options.metadata ?? {}),
    blocks: body,
  };
}

/** Reads the submitted values; absent inputs count as empty. */
export function readLoginForm(values: Record<string, Record<string, ViewStateValue>>): LoginForm {
  const { blocks, actions } = LOGIN_VIEW;
  const text = (block: string, action: string) => values[block]?.[action]?.value?.trim() ?? '';
  const remembered = values[blocks.remember]?.[actions.remember]?.selected_options ?? [];
  return {
    tenant: text(blocks.tenant, actions.tenant),
    userName: text(blocks.userName, actions.userName),
    // Passwords may start or end with a space, so the password alone is not trimmed.
    password: values[blocks.password]?.[actions.password]?.value ?? '',
    rememberPassword: remembered.some((option) => option.value === REMEMBER_VALUE),
    mfaCode: text(blocks.mfaCode, actions.mfaCode).replace(/\s+/g, ''),
  };
}

export function readLoginMetadata(privateMetadata: string | undefined): LoginModalMetadata {
  try {
    const parsed: unknown = JSON.parse(privateMetadata || '{}');
    if (typeof parsed === 'object' && parsed !== null && 'responseUrl' in parsed) {
      const { responseUrl } = parsed as { responseUrl: unknown };
      if (typeof responseUrl === 'string') return { responseUrl };
    }
  } catch {
    // Metadata is the app's own; anything unreadable just means no confirmation route.
  }
  return {};
}

/** Builds the view shown while a slow login runs after the ack. */
export function buildLoggingInModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${LOGIN_VIEW.callbackId}_waiting`,
    title: { type: 'plain_text', text: 'Log in to BMS' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':hourglass_flowing_sand: Logging in to BMS... BMS is answering slowly.',
        },
      },
    ],
  };
}

/** Builds the view shown when a slow login succeeded after the ack. */
export function buildLoggedInModal(session: { tenant: string; bmsUserName: string }): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${LOGIN_VIEW.callbackId}_done`,
    title: { type: 'plain_text', text: 'Log in to BMS' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: loggedInText(session) } }],
  };
}

export function loggedInText(session: { tenant: string; bmsUserName: string }): string {
  return `:white_check_mark: You are logged in to BMS as *${escapeMrkdwn(session.bmsUserName)}* on tenant \`${escapeMrkdwn(session.tenant)}\`.`;
}
