import type { types } from '@slack/bolt';

/** Action ids of one pager's two buttons; they differ because Slack wants unique action ids in a block. */
export interface PagerActions {
  previous: string;
  next: string;
}

/**
 * Builds the Previous and Next buttons of a paged list, or undefined when there is one page.
 * `pageValue` returns the button value that shows a page, or undefined when none fits.
 */
export function buildPager(options: {
  page: number;
  pageCount: number;
  actions: PagerActions;
  pageValue: (page: number) => string | undefined;
  blockId?: string;
}): types.ActionsBlock | undefined {
  const { page, pageCount, actions, pageValue } = options;
  const buttons: types.Button[] = [];
  const previous = page > 1 ? pageValue(Math.min(page - 1, pageCount)) : undefined;
  if (previous !== undefined) {
    buttons.push({
      type: 'button',
      action_id: actions.previous,
      text: { type: 'plain_text', text: '◀ Previous' },
      value: previous,
    });
  }
  const next = page < pageCount ? pageValue(page + 1) : undefined;
  if (next !== undefined) {
    buttons.push({
      type: 'button',
      action_id: actions.next,
      text: { type: 'plain_text', text: 'Next ▶' },
      value: next,
    });
  }
  if (buttons.length === 0) return undefined;
  return { type: 'actions', ...(options.blockId ? { block_id: options.blockId } : {}), elements: buttons };
}

/** Number of pages for `total` items, at least 1. */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Returns "page 2 of 5" for lists with several pages, else an empty string. */
export function pageLabel(page: number, pageCount: number): string {
  return pageCount > 1 ? `page ${page} of ${pageCount}` : '';
}
