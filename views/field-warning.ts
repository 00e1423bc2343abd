import type { types } from '@slack/bolt';
import { SLACK_LIMITS, shorten } from './text-limits.ts';

/**
 * Builds the warning placed right under an input when a form comes back after BMS rejected it.
 * Slack draws its red field errors only from a submission's ack (`response_action: errors`),
 * and a result that arrives later through `views.update` cannot use that, so the message sits
 * in a context block below the field instead.
 */
export function fieldWarningBlock(blockId: string, message: string): types.ContextBlock {
  return {
    type: 'context',
    block_id: blockId,
    elements: [{ type: 'plain_text', text: shorten(`⚠️ ${message}`, SLACK_LIMITS.sectionText), emoji: true }],
  };
}

/** Builds the notice shown above a form's fields: why the last attempt failed, as plain text. */
export function formNoticeBlock(blockId: string, notice: string): types.SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'plain_text', text: shorten(`⚠️ ${notice}`, SLACK_LIMITS.sectionText), emoji: true },
  };
}
