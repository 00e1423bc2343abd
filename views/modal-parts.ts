import type { types } from '@slack/bolt';
import { SLACK_LIMITS, shorten } from './text-limits.ts';

/** Shared pieces of the ticket action modals. */

/** Slack's limit on a static select's options. */
export const MAX_SELECT_OPTIONS = 100;

export function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

export function option(text: string, value: string | number): types.PlainTextOption {
  return { text: plain(shorten(text, SLACK_LIMITS.optionText)), value: String(value) };
}

/** Options of a static select from id and name rows, at most Slack's 100. */
export function optionsOf(rows: readonly { Id: number; Name?: string | null }[]): types.PlainTextOption[] {
  return rows.slice(0, MAX_SELECT_OPTIONS).map((row) => option(row.Name?.trim() || `#${row.Id}`, row.Id));
}

/** The option whose value is `value`, for `initial_option`, which must equal one of the options exactly. */
export function initialOf(
  options: readonly types.PlainTextOption[],
  value: string | number | null | undefined,
): types.PlainTextOption | undefined {
  if (value === undefined || value === null) return undefined;
  return options.find((candidate) => candidate.value === String(value));
}

/** Builds a modal shell with the app's title, submit and close labels within Slack's 24 characters. */
export function modal(options: {
  callbackId: string;
  title: string;
  submit?: string;
  close?: string;
  privateMetadata?: string;
  blocks: types.KnownBlock[];
}): types.ModalView {
  if ((options.privateMetadata?.length ?? 0) > SLACK_LIMITS.privateMetadata) {
    throw new Error('The modal state is longer than Slack keeps in private_metadata.');
  }
  return {
    type: 'modal',
    callback_id: options.callbackId,
    title: plain(shorten(options.title, SLACK_LIMITS.modalTitle)),
    ...(options.submit ? { submit: plain(shorten(options.submit, SLACK_LIMITS.modalTitle)) } : {}),
    close: plain(shorten(options.close ?? 'Cancel', SLACK_LIMITS.modalTitle)),
    ...(options.privateMetadata ? { private_metadata: options.privateMetadata } : {}),
    blocks: options.blocks.slice(0, SLACK_LIMITS.viewBlocks),
  };
}

/** Builds a modal that shows one line of text: "Loading" while the app loads a form from BMS, or why it cannot. */
export function buildWaitingModal(title: string, mrkdwn: string, callbackId?: string): types.ModalView {
  return modal({
    callbackId: callbackId ?? 'ticket_action_waiting',
    title,
    close: 'Close',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn, SLACK_LIMITS.sectionText) } }],
  });
}

export const LOADING_TEXT = ':hourglass_flowing_sand: Loading from BMS…';
