import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { CommandArgs, Listener } from '../src/slack/registry.ts';
import { buildHelpMessage } from '../views/help.ts';

/** One `/bms` subcommand, such as `ticket` in `/bms ticket 12345`. */
export interface SubcommandRequest {
  /** The subcommand word, lowercased. */
  name: string;
  /** The text after the subcommand word, trimmed. */
  args: string;
  command: SlashCommand;
  /** Sends to the user through the command's response URL, which works where the bot is not a member. */
  respond: RespondFn;
  client: webApi.WebClient;
  deps: SlackDeps;
}

export type Subcommand = (request: SubcommandRequest) => Promise<void>;

/** Splits `ticket 12345` into the subcommand word and the rest. */
export function parseSubcommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: '', args: '' };
  return { name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * Creates the `/bms` listener, which runs the subcommand named by the first word. No word
 * means help, and an unknown word gets help with a line naming the unknown word.
 */
export function createBmsRouter(
  subcommands: Readonly<Record<string, Subcommand>>,
  deps: SlackDeps,
): Listener<CommandArgs> {
  return async ({ command, respond, client }) => {
    const { name, args } = parseSubcommand(command.text);
    const subcommand = Object.hasOwn(subcommands, name || 'help') ? subcommands[name || 'help'] : undefined;
    if (!subcommand) {
      const intro = `\`${escapeMrkdwn(`${command.command} ${name}`)}\` is not a command. These are:`;
      await respond({ response_type: 'ephemeral', ...buildHelpMessage(intro) });
      return;
    }
    await subcommand({ name: name || 'help', args, command, respond, client, deps });
  };
}
