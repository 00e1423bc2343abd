import { buildHelpMessage } from '../views/help.ts';
import type { Subcommand } from './bms-router.ts';

/** `/bms help` and plain `/bms`: the list of commands, visible only to the user. */
export const help: Subcommand = async ({ respond }) => {
  await respond({ response_type: 'ephemeral', ...buildHelpMessage() });
};
