import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { type CommandName, helpText, type ParsedCommand, parseCommandLine } from '../src/grammar/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { CommandArgs, Listener } from '../src/slack/registry.ts';
import { buildCommandHelpMessage, buildParseErrorMessage } from '../views/command-help.ts';

/** One `/bms` command line, parsed by the shared grammar. */
export interface CommandRequest<Command extends ParsedCommand = ParsedCommand> {
  parsed: Command;
  command: SlashCommand;
  /** Sends to the user through the command's response URL, which works where the bot is not a member. */
  respond: RespondFn;
  client: webApi.WebClient;
  deps: SlackDeps;
}

export type CommandHandler<Command extends ParsedCommand = ParsedCommand> = (
  request: CommandRequest<Command>,
) => Promise<void>;

/** Handlers by the parsed command's name; short forms share their long form's name (`mine` is `tickets.list`). */
export type CommandHandlers = {
  readonly [Name in CommandName]?: CommandHandler<Extract<ParsedCommand, { name: Name }>>;
};

/** A handler that reads the raw text after its first word, such as `ticket` in `/bms ticket 12345`. */
export interface SubcommandRequest {
  /** The subcommand word, lowercased. */
  name: string;
  /** The text after the subcommand word, trimmed. */
  args: string;
  command: SlashCommand;
  respond: RespondFn;
  client: webApi.WebClient;
  deps: SlackDeps;
}

export type Subcommand = (request: SubcommandRequest) => Promise<void>;

export interface BmsRoutes {
  /** Handlers of parsed commands: the normal route. */
  handlers: CommandHandlers;
  /**
   * Handlers by first word that read the raw text themselves. A word listed here takes the
   * whole line, grammar errors included, unless the grammar reads the line as a request for
   * help; prefer `handlers`.
   */
  subcommands?: Readonly<Record<string, Subcommand>>;
}

/** Splits `ticket 12345` into the subcommand word and the rest. */
export function parseSubcommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: '', args: '' };
  return { name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * Creates the `/bms` listener. The line is parsed by the shared grammar: a rejected line gets
 * the grammar's message and the command's usage line, help at any level gets the help text,
 * and every other command goes to its handler. All replies are ephemeral.
 */
export function createBmsRouter(routes: BmsRoutes, deps: SlackDeps): Listener<CommandArgs> {
  return async ({ command, respond, client }) => {
    const { name, args } = parseSubcommand(command.text);
    const subcommand =
      routes.subcommands && Object.hasOwn(routes.subcommands, name) ? routes.subcommands[name] : undefined;
    const result = parseCommandLine(command.text);
    // `/bms create --help` asks for help, as it does after every other command.
    const helpRequested = result.ok && result.command.name === 'help';
    if (subcommand && !helpRequested) {
      await subcommand({ name, args, command, respond, client, deps });
      return;
    }

    if (!result.ok) {
      await respond({ response_type: 'ephemeral', ...buildParseErrorMessage(result.error) });
      return;
    }
    const parsed = result.command;
    if (parsed.name === 'help') {
      await respond({ response_type: 'ephemeral', ...buildCommandHelpMessage(helpText(parsed.topic)) });
      return;
    }
    const handler = routes.handlers[parsed.name] as CommandHandler | undefined;
    if (!handler) {
      const text = `\`${escapeMrkdwn(`${command.command} ${command.text.trim()}`)}\` is not available in this version yet. Run \`${command.command} help\` to see the commands.`;
      await respond({ response_type: 'ephemeral', text });
      return;
    }
    await handler({ parsed, command, respond, client, deps });
  };
}
