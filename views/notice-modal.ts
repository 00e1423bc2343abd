import type { types } from '@slack/bolt';

/** Builds a modal that only shows a message and a Close button. `text` is mrkdwn that the caller has escaped. */
export function buildNoticeModal(notice: {
  title: string;
  text: string;
  callbackId?: string;
}): types.ModalView {
  return {
    type: 'modal',
    callback_id: notice.callbackId,
    title: { type: 'plain_text', text: notice.title },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: notice.text } }],
  };
}
