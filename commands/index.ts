import type { SlackDeps } from '../src/slack/deps.ts';
import { Commands } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { createBmsRouter, type Subcommand } from './bms-router.ts';
import { help } from './help.ts';
import { registerHome } from './home.ts';
import { registerPlaceholderShortcuts } from './placeholder-shortcuts.ts';

/** `/bms` subcommands by their first word; each module adds its entry here. */
export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  help,
};

/** Registers every listener of the app: `/bms`, the shortcuts and the Home tab. */
export function registerListeners(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.command(Commands.bms, createBmsRouter(SUBCOMMANDS, deps));
  registerPlaceholderShortcuts(registry);
  registerHome(registry);
}
