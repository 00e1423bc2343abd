import type { RespondFn } from '@slack/bolt';
import { type CommandName, type ParsedCommand, parseCommandLine } from '../src/grammar/index.ts';
import { isValidationError } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { errorKindOf } from '../src/slack/error-boundary.ts';
import { describeError } from '../src/slack/error-text.ts';
import type { IdentityPayload } from '../src/slack/identity.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import type { SlackMessage } from '../src/slack/respond-to.ts';
import {
  type PendingRunner,
  type RespondTo,
  registerPendingRunner,
  runAsUser,
  type UserContext,
  type UserRequest,
} from '../src/slack/run-as-user.ts';
import { userRequestFromCommand, userRequestFromInteraction } from '../src/slack/user-request.ts';
import { buildFieldErrors } from '../views/notice-message.ts';
import { escapeWithin, SLACK_LIMITS } from '../views/text-limits.ts';
import type { CommandHandler, CommandHandlers } from './bms-router.ts';
import { type Reply, replyTo } from './reply.ts';

/**
 * Commands that run as the Slack user in BMS. Each runs through runAsUser with the pending kind
 * `command.<name>` and the command text as payload, so that after a login or an MFA code the
 * same line runs again and its reply goes to the same response URL. Previous and Next buttons
 * run the line again with another page and replace the message they sit in.
 */

export type CommandOf<Name extends CommandName> = Extract<ParsedCommand, { name: Name }>;

export interface CommandRun<Command extends ParsedCommand> {
  parsed: Command;
  /** A page chosen with Previous or Next; it overrides the page typed on the command line. */
  page: number | undefined;
  user: UserContext;
  reply: Reply;
  deps: SlackDeps;
  /** The value of a Previous or Next button that shows `page`, or undefined when the line is too long for a button. */
  pagerValue(page: number): string | undefined;
}

export type CommandWork<Command extends ParsedCommand> = (run: CommandRun<Command>) => Promise<void>;

export type CommandWorks = { readonly [Name in CommandName]?: CommandWork<CommandOf<Name>> };

/** Action ids of the Previous and Next buttons under paged command replies. */
export const COMMAND_PAGE_ACTIONS = {
  previous: 'bms_command_page_previous',
  next: 'bms_command_page_next',
} as const;

/** Slack's limit on a button's value. */
const BUTTON_VALUE_MAX = 2000;

/** The payload of a deferred command in the pending store: plain JSON, never a secret. */
interface CommandPayload {
  text: string;
  page?: number;
  /** Replace the message the button sat in instead of posting a new one. */
  replaceOriginal?: boolean;
}

export function pendingKindOf(name: CommandName): string {
  return `command.${name}`;
}

function readPayload(payload: unknown): CommandPayload {
  const candidate = payload as Partial<CommandPayload> | null;
  if (typeof candidate?.text !== 'string') throw new Error('The pending command has no command text.');
  const page = Number.isSafeInteger(candidate.page) && (candidate.page ?? 0) > 0 ? candidate.page : undefined;
  return { text: candidate.text, page, replaceOriginal: candidate.replaceOriginal === true };
}

function readPagerValue(value: string | undefined): CommandPayload {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    const record = parsed as { text?: unknown; page?: unknown } | null;
    return readPayload({ text: record?.text, page: record?.page, replaceOriginal: true });
  } catch {
    throw new Error('The page button carries no command.');
  }
}

/** Parses a stored or button-carried command line; it parsed when typed, so a failure here is a bug or a forged value. */
function parseStored(text: string): ParsedCommand {
  const result = parseCommandLine(text);
  if (!result.ok) throw new Error(`A stored command line no longer parses: ${result.error.message}`);
  return result.command;
}

function workFor(works: CommandWorks, name: CommandName): CommandWork<ParsedCommand> {
  const work = works[name] as CommandWork<ParsedCommand> | undefined;
  if (!work) throw new Error(`No handler runs ${name} as the user.`);
  return work;
}

function runOf(
  deps: SlackDeps,
  parsed: ParsedCommand,
  payload: CommandPayload,
  user: UserContext,
  respondTo: RespondTo,
): CommandRun<ParsedCommand> {
  return {
    parsed,
    page: payload.page,
    user,
    deps,
    reply: replyTo(deps, user.identity, respondTo, { replaceOriginal: payload.replaceOriginal }),
    pagerValue: (page) => {
      const value = JSON.stringify({ text: payload.text, page });
      return value.length <= BUTTON_VALUE_MAX ? value : undefined;
    },
  };
}

/** Commands whose line is long and typed with care: a failure repeats the line so that nothing must be retyped. */
const WRITE_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'tickets.create',
  'tickets.patch',
  'tickets.assign',
  'notes.update',
]);

/** Adds the command line, escaped and ready to copy, under a failure reply. */
export function withCommandLine(message: SlackMessage, commandText: string): SlackMessage {
  const line = escapeWithin(`/bms ${commandText}`, SLACK_LIMITS.sectionText - 100, escapeMrkdwn);
  const block = {
    type: 'section',
    text: { type: 'mrkdwn', text: `Your command, to correct and run again:\n\`\`\`${line}\`\`\`` },
  };
  return {
    text: message.text,
    blocks: [
      ...(message.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }]),
      block,
    ],
  };
}

/**
 * Runs the work. A ValidationError (a name that did not resolve, a missing field) gets a reply
 * listing the problems, and a write command that fails in BMS gets the reason. Both replies
 * repeat the command line, so a long `tickets create` is never lost. Other failures go to the
 * error boundary.
 */
async function runWork(
  work: CommandWork<ParsedCommand>,
  run: CommandRun<ParsedCommand>,
  commandText: string,
): Promise<void> {
  try {
    await work(run);
  } catch (error) {
    if (isValidationError(error)) {
      await run.reply(
        withCommandLine(buildFieldErrors('Check the command and try again:', error.fields), commandText),
      );
      return;
    }
    if (!WRITE_COMMANDS.has(run.parsed.name)) throw error;
    run.deps.logger.warn('command failed', {
      team: run.user.identity.teamId,
      user: run.user.identity.userId,
      command: run.parsed.name,
      kind: errorKindOf(error),
    });
    await run.reply(withCommandLine({ text: describeError(error) }, commandText));
  }
}

async function runCommand(
  deps: SlackDeps,
  works: CommandWorks,
  request: UserRequest,
  payload: CommandPayload,
): Promise<void> {
  const parsed = parseStored(payload.text);
  const work = workFor(works, parsed.name);
  await runAsUser(deps, request, { kind: pendingKindOf(parsed.name), payload }, (user) =>
    runWork(work, runOf(deps, parsed, payload, user, request.respondTo), payload.text),
  );
}

/** One runner per works table and command, so that registering the same table again is harmless. */
const pendingRunners = new WeakMap<CommandWorks, Map<CommandName, PendingRunner>>();

function pendingRunnerOf(works: CommandWorks, name: CommandName): PendingRunner {
  let byName = pendingRunners.get(works);
  if (!byName) {
    byName = new Map();
    pendingRunners.set(works, byName);
  }
  let runner = byName.get(name);
  if (!runner) {
    runner = async (deps, user, stored, respondTo) => {
      const payload = readPayload(stored);
      const parsed = parseStored(payload.text);
      await runWork(workFor(works, parsed.name), runOf(deps, parsed, payload, user, respondTo), payload.text);
    };
    byName.set(name, runner);
  }
  return runner;
}

/** Returns the `/bms` handler of every command in `works`. */
export function userCommandHandlers(works: CommandWorks): CommandHandlers {
  const handlers: Partial<Record<CommandName, CommandHandler>> = {};
  for (const name of Object.keys(works) as CommandName[]) {
    handlers[name] = async ({ command, respond, deps }) => {
      await runCommand(deps, works, userRequestFromCommand(command, respond), { text: command.text });
    };
  }
  return handlers as CommandHandlers;
}

/** Registers the Previous and Next buttons and the pending runner of every command in `works`. */
export function registerUserCommands(registry: ListenerRegistry, deps: SlackDeps, works: CommandWorks): void {
  for (const name of Object.keys(works) as CommandName[]) {
    registerPendingRunner(pendingKindOf(name), pendingRunnerOf(works, name));
  }
  registry.action(/^bms_command_page_(previous|next)$/, async ({ action, body, respond }) => {
    const value = action.type === 'button' ? action.value : undefined;
    const request = userRequestFromInteraction(deps, body as IdentityPayload, respond as RespondFn);
    await runCommand(deps, works, request, readPagerValue(value));
  });
}
