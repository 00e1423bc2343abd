import { checkView, describeViolations, isObject } from './block-kit-rules.ts';
import { type FakeSlackState, type Json, VIEW_STACK_LIMIT } from './slack-api-state.ts';
import { inputBlockIds } from './slack-interaction.ts';

/**
 * What Slack does with the ack of a view submission: close the view, show field errors,
 * update or push a view, or clear the stack. A malformed ack leaves the modal open with
 * Slack's generic connection error, reported here as `failed` with the reason.
 */

export interface SubmissionOutcome {
  outcome: 'closed' | 'errors' | 'updated' | 'pushed' | 'cleared' | 'failed';
  /** The field errors shown, by input block id. */
  errors?: Record<string, string>;
  /** Why Slack would have shown its connection error instead. */
  failure?: string;
}

export function applySubmissionAck(
  state: FakeSlackState,
  viewId: string,
  status: number,
  body: unknown,
): SubmissionOutcome {
  const fakeView = state.views.get(viewId);
  if (!fakeView) return { outcome: 'failed', failure: `view ${viewId} is unknown` };
  if (status !== 200) return { outcome: 'failed', failure: `the app answered HTTP ${status}` };
  if (body === undefined || body === '') {
    state.closeView(viewId);
    return { outcome: 'closed' };
  }
  if (!isObject(body)) return { outcome: 'failed', failure: 'the ack body is not a JSON object' };

  switch (body.response_action) {
    case 'errors':
      return answerErrors(fakeView.view.blocks, body.errors);
    case 'update': {
      const failure = invalidView(body.view);
      if (failure) return { outcome: 'failed', failure };
      state.replaceView(fakeView, body.view as Json);
      return { outcome: 'updated' };
    }
    case 'push': {
      const failure = invalidView(body.view);
      if (failure) return { outcome: 'failed', failure };
      const stack = state.stackOf(fakeView.userId);
      if (stack.length >= VIEW_STACK_LIMIT) return { outcome: 'failed', failure: 'push_limit_reached' };
      const pushed = state.createView(body.view as Json, fakeView.userId, fakeView.teamId, fakeView);
      stack.push(pushed.id);
      return { outcome: 'pushed' };
    }
    case 'clear':
      state.closeView(fakeView.rootViewId);
      return { outcome: 'cleared' };
    default:
      return { outcome: 'failed', failure: `unknown response_action ${String(body.response_action)}` };
  }
}

function answerErrors(blocks: unknown, errors: unknown): SubmissionOutcome {
  if (!isObject(errors) || Object.keys(errors).length === 0) {
    return { outcome: 'failed', failure: 'errors must be a non-empty object' };
  }
  const inputs = inputBlockIds(blocks);
  const shown: Record<string, string> = {};
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputs.has(blockId))
      return { outcome: 'failed', failure: `errors key ${blockId} is not the block_id of an input block` };
    if (typeof message !== 'string')
      return { outcome: 'failed', failure: `errors.${blockId} must be a string` };
    shown[blockId] = message;
  }
  return { outcome: 'errors', errors: shown };
}

function invalidView(view: unknown): string | undefined {
  const violations = checkView(view);
  if (isObject(view) && view.type !== 'modal')
    violations.push({ pointer: '/view/type', message: 'must be modal' });
  return violations.length > 0 ? `invalid view: ${describeViolations(violations).join('; ')}` : undefined;
}
