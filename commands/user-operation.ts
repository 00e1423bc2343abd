import type { z } from 'zod';
import type { SlackDeps } from '../src/slack/deps.ts';
import {
  type PendingRunner,
  registerPendingRunner,
  runAsUser,
  type UserContext,
  type UserRequest,
} from '../src/slack/run-as-user.ts';

/**
 * An operation that a click or a form starts as the Slack user. It runs now through runAsUser.
 * When the session needs a login or an MFA code first, it runs later through its pending runner,
 * with the same payload read back from the store.
 */
export interface UserOperation<Payload> {
  readonly kind: string;
  /** Registers the pending runner; the runner is created once, so registering again is harmless. */
  register(): void;
  /** Runs as the user now; returns false when the operation waits for a login or code. */
  start(deps: SlackDeps, request: UserRequest, payload: Payload): Promise<boolean>;
}

export function defineUserOperation<Schema extends z.ZodType>(
  kind: string,
  schema: Schema,
  run: (deps: SlackDeps, user: UserContext, payload: z.infer<Schema>) => Promise<void>,
): UserOperation<z.infer<Schema>> {
  const runner: PendingRunner = async (deps, user, stored) => {
    await run(deps, user, schema.parse(stored));
  };
  return {
    kind,
    register: () => registerPendingRunner(kind, runner),
    start: async (deps, request, payload) => {
      const done = await runAsUser(deps, request, { kind, payload }, async (user) => {
        await run(deps, user, payload);
        return true;
      });
      return done === true;
    },
  };
}
