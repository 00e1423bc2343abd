import { failure, usageError } from './exit-codes.ts';
import { confirm } from './prompt.ts';
import type { RunContext } from './run-context.ts';
import { canAsk } from './terminal.ts';

/**
 * Asks before a delete, unless `--yes` was given. Without a terminal to ask on, `--yes` is
 * required (exit status 2), so that a script never deletes by accident or hangs on a question.
 */
export async function confirmDelete(
  run: RunContext,
  command: { yes: boolean },
  usage: string,
  describe: () => Promise<string>,
): Promise<void> {
  if (command.yes) return;
  if (!canAsk(run.terminal)) {
    throw usageError(
      'Add --yes to delete without a terminal: there is nobody to confirm the deletion.',
      usage,
    );
  }
  const description = await describe();
  const confirmed = await confirm(
    `Delete ${description}? This cannot be undone.`,
    run.terminal.stdin,
    run.terminal.stderr,
  );
  if (!confirmed) throw failure('Nothing was deleted.');
}
