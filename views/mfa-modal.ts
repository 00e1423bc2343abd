import type { types, ViewStateValue } from '@slack/bolt';

/** The modal that takes an MFA code after the DM prompt. */
export const MFA_VIEW = {
  callbackId: 'bms_mfa_code',
  block: 'mfa_code',
  action: 'mfa_code',
} as const;

/** The pending operation that the code will finish, carried from the DM button. */
export interface MfaModalMetadata {
  pendingId?: string;
}

export function buildMfaModal(metadata: MfaModalMetadata, notice?: string): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  blocks.push({
    type: 'input',
    block_id: MFA_VIEW.block,
    label: { type: 'plain_text', text: 'MFA code' },
    hint: { type: 'plain_text', text: 'The 6-digit code from your authenticator app.' },
    element: {
      type: 'plain_text_input',
      action_id: MFA_VIEW.action,
      max_length: 10,
      placeholder: { type: 'plain_text', text: '123456' },
    },
  });
  return {
    type: 'modal',
    callback_id: MFA_VIEW.callbackId,
    title: { type: 'plain_text', text: 'BMS MFA code' },
    submit: { type: 'plain_text', text: 'Verify' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** Reads the code with spaces removed, as authenticator apps show it in two groups of three. */
export function readMfaCode(values: Record<string, Record<string, ViewStateValue>>): string {
  return (values[MFA_VIEW.block]?.[MFA_VIEW.action]?.value ?? '').replace(/\s+/g, '');
}

export function readMfaMetadata(privateMetadata: string | undefined): MfaModalMetadata {
  try {
    const parsed: unknown = JSON.parse(privateMetadata || '{}');
    if (typeof parsed === 'object' && parsed !== null && 'pendingId' in parsed) {
      const { pendingId } = parsed as { pendingId: unknown };
      if (typeof pendingId === 'string') return { pendingId };
    }
  } catch {
    // The metadata is the app's own; unreadable metadata only loses the first pending id.
  }
  return {};
}

/** Builds a modal with one message and a Close button, under the MFA modal's title. */
export function buildMfaNoticeModal(text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${MFA_VIEW.callbackId}_notice`,
    title: { type: 'plain_text', text: 'BMS MFA code' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
