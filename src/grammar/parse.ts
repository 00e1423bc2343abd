import { buildCommand, type SlotValue, SlotValues } from './build.ts';
import {
  COMMANDS,
  type CommandSpec,
  childWords,
  type FlagSpec,
  findCommand,
  findGroup,
  flagsOfSlot,
  GLOBAL_FLAGS,
  HELP_FLAGS,
  type PositionalSpec,
  ROOT_USAGE,
} from './commands.ts';
import type { GlobalOptions, NameOrId, ParsedCommand, ParseResult, TicketChange } from './parsed-command.ts';
import { didYouMean } from './suggest.ts';
import { type ScanResult, scanLine, type Token, tokensFromArgv, unescapeSlackEntities } from './tokenizer.ts';
import {
  readDate,
  readId,
  readNameOrId,
  readPage,
  readText,
  readTicket,
  readTicketId,
  type ValueRead,
} from './values.ts';

/**
 * Parses the text that Slack sends after `/bms`: undoes Slack's HTML entities, splits the line
 * into words (see tokenizer.ts for the quoting rules) and reads one command.
 */
export function parseCommandLine(text: string): ParseResult {
  const line = unescapeSlackEntities(text);
  const scan = scanLine(line);
  return parseTokens(scan.tokens, { line, scanError: scan.error });
}

/**
 * Parses argv as a shell passes it to the `bms` terminal command (without `bms` itself). The
 * words then mean what the same words typed after `/bms` mean.
 */
export function parseArguments(argv: readonly string[]): ParseResult {
  return parseTokens(tokensFromArgv(argv), {});
}

interface Source {
  /** The unescaped line, when parsing typed text; absent for argv. */
  line?: string;
  scanError?: ScanResult['error'];
}

class ParseFailure {
  constructor(
    readonly message: string,
    readonly usage: string,
    readonly commandPath: string[],
  ) {}
}

interface GlobalState {
  options: GlobalOptions;
  seen: Set<string>;
}

function usageOf(path: readonly string[]): string {
  if (path.length === 0) return ROOT_USAGE;
  return findCommand(path)?.usage ?? findGroup(path)?.usage ?? ROOT_USAGE;
}

function failure(message: string, path: readonly string[]): ParseResult {
  return { ok: false, error: { message, usage: usageOf(path), commandPath: [...path] } };
}

function help(topic: readonly string[], globals: GlobalState): ParseResult {
  return { ok: true, command: { name: 'help', topic: [...topic], ...globals.options } };
}

function isHelpFlag(token: Token): boolean {
  return !token.quoted && !token.attached && HELP_FLAGS.includes(token.text.toLowerCase());
}

/** Tells whether a word is a flag: unquoted and starting with `--` or `-letter`, so that `-5` is a value. */
function isFlagToken(token: Token): boolean {
  if (token.quoted || token.attached) return false;
  return token.text.startsWith('--') || /^-\p{L}/u.test(token.text);
}

function formatList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

function quoteIfSpaced(value: string): string {
  return /\s/u.test(value) ? `"${value}"` : value;
}

function findGlobalFlag(token: Token): FlagSpec | undefined {
  const name = token.text.slice(2).toLowerCase();
  return token.text.startsWith('--') ? GLOBAL_FLAGS.find((flag) => flag.name === name) : undefined;
}

/** Applies `--json` or `--yes`, which every command and every position accepts. */
function applyGlobalFlag(
  flag: FlagSpec,
  tokens: Token[],
  index: number,
  globals: GlobalState,
  path: string[],
): void {
  if (tokens[index + 1]?.attached) {
    throw new ParseFailure(`--${flag.name} takes no value: write --${flag.name} alone.`, usageOf(path), path);
  }
  if (globals.seen.has(flag.name)) {
    throw new ParseFailure(`--${flag.name} is given twice: give it once.`, usageOf(path), path);
  }
  globals.seen.add(flag.name);
  if (flag.name === 'json') globals.options.json = true;
  if (flag.name === 'yes') globals.options.yes = true;
}

function parseTokens(tokens: Token[], source: Source): ParseResult {
  const globals: GlobalState = { options: { json: false, yes: false }, seen: new Set() };
  const path: string[] = [];
  try {
    let index = 0;
    let helpRequested = false;
    while (index < tokens.length) {
      const token = tokens[index] as Token;
      if (isHelpFlag(token)) {
        helpRequested = true;
        index += 1;
        continue;
      }
      if (isFlagToken(token)) {
        const global = findGlobalFlag(token);
        if (!global) throw flagBeforeCommand(token.text, path);
        applyGlobalFlag(global, tokens, index, globals, path);
        index += tokens[index + 1]?.attached ? 2 : 1;
        continue;
      }

      const word = token.text.toLowerCase();
      if (word === 'help' && !token.quoted) {
        if (source.scanError) throw quoteFailure(source.scanError, path);
        const topic = resolveTopic(path, tokens.slice(index + 1), globals);
        // `help --help` requests help on the help command itself, as `tickets --help` does for tickets.
        const aboutHelp = helpRequested || tokens.slice(index + 1).some(isHelpFlag);
        if (path.length === 0 && topic.length === 0 && aboutHelp) return help(['help'], globals);
        return help(topic, globals);
      }
      if (!childWords(path).includes(word)) throw unknownCommand(token.text, path);
      path.push(word);
      index += 1;

      const command = findCommand(path);
      if (command?.name === 'help') {
        if (source.scanError) throw quoteFailure(source.scanError, path);
        return help(resolveTopic([], tokens.slice(index), globals), globals);
      }
      if (command) return parseCommand(command, tokens, index, source, globals, helpRequested);
    }

    if (source.scanError) throw quoteFailure(source.scanError, path);
    // A group alone, or nothing at all, shows what can follow.
    return help(path, globals);
  } catch (error) {
    if (error instanceof ParseFailure) return failure(error.message, error.commandPath);
    throw error;
  }
}

function quoteFailure(scanError: NonNullable<ScanResult['error']>, path: string[]): ParseFailure {
  return new ParseFailure(scanError.message, usageOf(path), path);
}

function unknownCommand(typed: string, path: string[]): ParseFailure {
  const children = childWords(path);
  if (path.length === 0 && readTicket(typed).ok) {
    return new ParseFailure(
      `"${typed}" is not a command: to show that ticket, type "ticket ${typed}".`,
      ROOT_USAGE,
      [],
    );
  }
  const where = path.length === 0 ? 'command' : `${path.join(' ')} command`;
  const listed = path.length === 0 ? 'The commands are' : `The ${path.join(' ')} commands are`;
  const message = `Unknown ${where} "${typed}".${didYouMean(typed, children)} ${listed}: ${children.join(', ')}.`;
  return new ParseFailure(message, usageOf(path), path);
}

/** Builds the error for a command's flag typed where a command word is expected, e.g. `/bms --mine`. */
function flagBeforeCommand(typed: string, path: string[]): ParseFailure {
  const name = typed.replace(/^-+/, '').split('=')[0]?.toLowerCase() ?? '';
  const owners = COMMANDS.filter(
    (command) =>
      path.every((word, position) => command.path[position] === word) &&
      command.flags.some((flag) => flag.name === name),
  );
  if (owners.length > 0) {
    const tries = owners.slice(0, 3).map((command) => `"${command.path.join(' ')} --${name}"`);
    return new ParseFailure(
      `${typed} needs a command before it: try ${formatList(tries, 'or')}.`,
      usageOf(path),
      path,
    );
  }
  const start = path.length === 0 ? 'a command' : `a ${path.join(' ')} command`;
  return new ParseFailure(
    `Unknown flag ${typed}: start with ${start}, then its flags. Flags that go anywhere: --json, --yes and --help.`,
    usageOf(path),
    path,
  );
}

/** Resolves the command path named after `help`, e.g. `help tickets create`, applying global flags among the words. */
function resolveTopic(base: readonly string[], tokens: Token[], globals: GlobalState): string[] {
  const topic = [...base];
  for (const [index, token] of tokens.entries()) {
    if (isHelpFlag(token)) continue;
    if (isFlagToken(token)) {
      const global = findGlobalFlag(token);
      if (!global) throw flagBeforeCommand(token.text, topic);
      applyGlobalFlag(global, tokens, index, globals, topic);
      continue;
    }
    if (token.attached) continue;
    if (findCommand(topic) && topic.length > 0) {
      throw new ParseFailure(
        `Unknown help topic "${topic.join(' ')} ${token.text}": ${topic.join(' ')} has no subcommands.`,
        usageOf(topic),
        topic,
      );
    }
    const word = token.text.toLowerCase();
    if (!childWords(topic).includes(word)) throw unknownCommand(token.text, topic);
    topic.push(word);
  }
  return topic;
}

interface PositionalToken {
  token: Token;
  /** Index of the token in the whole token list. */
  index: number;
  /** The flag and value right before this word, for the hint to quote a value with spaces. */
  afterFlag?: { flag: string; value: string };
}

interface CommandState {
  command: CommandSpec;
  path: string[];
  slots: Map<string, SlotValue>;
  /** Slot -> the spelling that filled it, e.g. `account` -> `--account-id`. */
  filledBy: Map<string, string>;
}

interface ArgumentScan {
  positionals: PositionalToken[];
  helpRequested: boolean;
  /** The free text of a `rest` positional was read, so a quote error after it does not matter. */
  restConsumed: boolean;
  error?: ParseFailure;
  /** Index of the word that failed, or the token count. */
  errorIndex: number;
}

function parseCommand(
  command: CommandSpec,
  tokens: Token[],
  start: number,
  source: Source,
  globals: GlobalState,
  helpBefore: boolean,
): ParseResult {
  const path = [...command.path];
  const onlyWord = tokens.length === start + 1 ? tokens[start] : undefined;
  if (onlyWord && !onlyWord.quoted && onlyWord.text.toLowerCase() === 'help') return help(path, globals);

  const state: CommandState = { command, path, slots: new Map(), filledBy: new Map() };
  const scan = scanArguments(state, tokens, start, source, globals);
  const helpAfterError = tokens.slice(scan.errorIndex).some(isHelpFlag);
  if (helpBefore || scan.helpRequested || helpAfterError) return help(path, globals);
  // Words after an unclosed quote are missing, so any other error would mislead.
  if (source.scanError && !scan.restConsumed) return failure(source.scanError.message, path);
  if (scan.error) return failure(scan.error.message, path);

  try {
    readPositionals(state, scan.positionals);
    checkRequirements(state);
  } catch (error) {
    if (error instanceof ParseFailure) return failure(error.message, path);
    throw error;
  }
  for (const [slot, value] of Object.entries(command.presets ?? {})) {
    state.slots.set(slot, { kind: 'boolean', value });
  }

  if (command.name === 'help') return help(path, globals);
  const parsed: ParsedCommand = buildCommand(command.name, new SlotValues(state.slots), globals.options);
  return { ok: true, command: parsed };
}

/** Reads flags and collects positional words, up to the free text of a `rest` positional. */
function scanArguments(
  state: CommandState,
  tokens: Token[],
  start: number,
  source: Source,
  globals: GlobalState,
): ArgumentScan {
  const { command } = state;
  const scan: ArgumentScan = {
    positionals: [],
    helpRequested: false,
    restConsumed: false,
    errorIndex: tokens.length,
  };
  let endOfFlags = false;
  let afterFlag: PositionalToken['afterFlag'];
  let index = start;
  try {
    while (index < tokens.length) {
      const token = tokens[index] as Token;
      const nextSpec = command.positionals[scan.positionals.length];
      if (nextSpec?.kind === 'rest') {
        const rest = readRest(tokens, index, source);
        if (HELP_FLAGS.includes(rest.toLowerCase())) scan.helpRequested = true;
        else storeRest(state, nextSpec, rest);
        scan.restConsumed = true;
        return scan;
      }

      if (!endOfFlags && token.text === '--' && !token.quoted) {
        endOfFlags = true;
        index += 1;
      } else if (!endOfFlags && isHelpFlag(token)) {
        scan.helpRequested = true;
        index += 1;
      } else if (!endOfFlags && isFlagToken(token)) {
        const consumed = readFlag(state, tokens, index, globals);
        afterFlag = consumed.value === undefined ? undefined : { flag: token.text, value: consumed.value };
        index = consumed.next;
      } else {
        scan.positionals.push({ token, index, ...(afterFlag ? { afterFlag } : {}) });
        afterFlag = undefined;
        index += 1;
      }
    }

    // A quote error right where the free text starts: the words read so far all end before it.
    const restSpec = command.positionals[scan.positionals.length];
    if (source.scanError && restSpec?.kind === 'rest') {
      storeRest(state, restSpec, readRest(tokens, tokens.length, source));
      scan.restConsumed = true;
    }
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    scan.error = error;
    scan.errorIndex = index;
  }
  return scan;
}

function storeRest(state: CommandState, spec: PositionalSpec, rest: string): void {
  const value = check(readText(rest, spec.label, 'after the ticket id'), '', state.path);
  state.slots.set(spec.slot, { kind: 'text', value });
}

/** Unwraps a value read, prefixing its message with the flag that carried it. */
function check<T>(read: ValueRead<T>, prefix: string, path: string[]): T {
  if (read.ok) return read.value;
  throw new ParseFailure(`${prefix}${read.message}`, usageOf(path), path);
}

/** Reads one flag and its value; returns the index after them and the value text, if any. */
function readFlag(
  state: CommandState,
  tokens: Token[],
  index: number,
  globals: GlobalState,
): { next: number; value?: string } {
  const { command, path } = state;
  const token = tokens[index] as Token;
  const global = findGlobalFlag(token);
  if (global) {
    applyGlobalFlag(global, tokens, index, globals, path);
    return { next: index + 1 };
  }

  const name = token.text.startsWith('--') ? token.text.slice(2).toLowerCase() : '';
  const flag = command.flags.find((candidate) => candidate.name === name);
  if (!flag) throw unknownFlag(token.text, command);

  const next = tokens[index + 1];
  if (flag.kind === 'boolean') {
    if (next?.attached) {
      throw new ParseFailure(
        `--${flag.name} takes no value: write --${flag.name} alone.`,
        command.usage,
        path,
      );
    }
    claimSlot(state, flag);
    state.slots.set(flag.slot, { kind: 'boolean', value: true });
    return { next: index + 1 };
  }

  if (!next || (!next.attached && isFlagToken(next))) {
    const sample = flag.sample;
    throw new ParseFailure(
      `--${flag.name} needs a value: type the ${flag.label} after it, like --${flag.name} ${sample}.`,
      command.usage,
      path,
    );
  }
  claimSlot(state, flag);
  state.slots.set(flag.slot, readFlagValue(state, flag, next.text));
  return { next: index + 2, value: next.text };
}

/** Rejects a flag given twice, or two spellings of one slot; repeatable flags may come again. */
function claimSlot(state: CommandState, flag: FlagSpec): void {
  const previous = state.filledBy.get(flag.slot);
  const spelling = `--${flag.name}`;
  if (previous !== undefined && !flag.repeatable) {
    const message =
      previous === spelling
        ? `${spelling} is given twice: give it once.`
        : `${previous} and ${spelling} both set the ${flag.label}: give only one of them.`;
    throw new ParseFailure(message, state.command.usage, state.path);
  }
  state.filledBy.set(flag.slot, spelling);
}

function readFlagValue(state: CommandState, flag: FlagSpec, text: string): SlotValue {
  const prefix = `--${flag.name}: `;
  const path = state.path;
  switch (flag.kind) {
    case 'id': {
      const read = readId(text, flag.label);
      const nameSpelling = flagsOfSlot(state.command, flag.slot).find((other) => other.kind === 'name-or-id');
      // An empty value gets the id's own message: pointing to the name flag would suggest an empty name.
      if (!read.ok && nameSpelling && text.trim() !== '' && !/^-?#?\d+$/.test(text.trim())) {
        throw new ParseFailure(
          `${prefix}${read.message} To give a name, use --${nameSpelling.name} ${quoteIfSpaced(text.trim())}.`,
          state.command.usage,
          path,
        );
      }
      return { kind: 'number', value: check(read, prefix, path) };
    }
    case 'page':
      return { kind: 'number', value: check(readPage(text), prefix, path) };
    case 'date':
      return { kind: 'text', value: check(readDate(text, flag.label), prefix, path) };
    case 'text':
      return {
        kind: 'text',
        value: check(
          readText(text, flag.label, `after --${flag.name}, like --${flag.name} ${flag.sample}`),
          '',
          path,
        ),
      };
    case 'name-or-id': {
      const value = check(readNameOrId(text, flag.label), prefix, path);
      if (!flag.repeatable) return { kind: 'name-or-id', value };
      const earlier = state.slots.get(flag.slot);
      const list: NameOrId[] = earlier?.kind === 'name-or-id-list' ? earlier.value : [];
      return { kind: 'name-or-id-list', value: [...list, value] };
    }
    case 'boolean':
      return { kind: 'boolean', value: true };
  }
}

function unknownFlag(typed: string, command: CommandSpec): ParseFailure {
  const names = command.flags.map((flag) => flag.name);
  const spelled = typed.replace(/^-+/, '');
  const own =
    names.length === 0
      ? `${command.path.join(' ')} takes no flags of its own`
      : `The flags of ${command.path.join(' ')} are ${formatList(names.map((name) => `--${name}`))}`;
  return new ParseFailure(
    `Unknown flag ${typed} for ${command.path.join(' ')}.${didYouMean(spelled, names, '--')} ${own}; every command also takes --json, --yes and --help.`,
    command.usage,
    [...command.path],
  );
}

/**
 * Returns the rest of a typed line after the previous word, as typed, so that `note 5 don't panic`
 * keeps its apostrophe. A rest that is one quoted word loses its quotes, as it would in a shell.
 */
function readRest(tokens: Token[], index: number, source: Source): string {
  const remaining = tokens.slice(index);
  const only = remaining[0];
  if (remaining.length === 1 && only?.quoted && !source.scanError) return only.text;
  if (source.line === undefined) {
    return remaining
      .map((token) => (token.attached ? `=${token.text}` : ` ${token.text}`))
      .join('')
      .trim();
  }
  const previous = tokens[index - 1];
  return source.line.slice(previous ? previous.end : 0).trim();
}

function sampleLine(command: CommandSpec, upTo: number): string {
  const samples = command.positionals.slice(0, upTo + 1).map((positional) => positional.sample);
  return [...command.path, ...samples].join(' ');
}

function readPositionals(state: CommandState, positionals: PositionalToken[]): void {
  const { command, path } = state;
  let cursor = 0;
  for (const [position, spec] of command.positionals.entries()) {
    if (spec.kind === 'rest' && state.slots.has(spec.slot)) continue;
    if (spec.kind === 'words' || spec.kind === 'changes') {
      const words = positionals.slice(cursor);
      cursor = positionals.length;
      if (words.length === 0) {
        if (spec.required) throw missingPositional(state, spec, position);
        continue;
      }
      if (spec.kind === 'changes') {
        state.slots.set(spec.slot, { kind: 'changes', value: readChanges(words, path) });
      } else {
        const text = words.map((word) => word.token.text).join(' ');
        state.slots.set(spec.slot, {
          kind: 'text',
          value: check(readText(text, spec.label, 'after the command'), '', path),
        });
      }
      continue;
    }

    const word = positionals[cursor];
    if (!word) {
      if (spec.required) throw missingPositional(state, spec, position);
      continue;
    }
    cursor += 1;
    state.slots.set(spec.slot, readPositionalValue(state, spec, word));
  }

  const extra = positionals[cursor];
  if (extra) throw extraPositional(state, extra, positionals.slice(cursor));
}

function readPositionalValue(state: CommandState, spec: PositionalSpec, word: PositionalToken): SlotValue {
  let read: ValueRead<number> | ReturnType<typeof readTicket>;
  if (spec.kind === 'ticket') read = readTicket(word.token.text);
  else if (spec.kind === 'ticket-id') read = readTicketId(word.token.text);
  else read = readId(word.token.text, spec.label.replace(/ id$/, ''));

  if (!read.ok) {
    const hint = word.afterFlag
      ? ` If "${word.token.text}" belongs to ${word.afterFlag.flag}, put the whole value in quotes.`
      : '';
    throw new ParseFailure(`${read.message}${hint}`, state.command.usage, state.path);
  }
  return typeof read.value === 'number'
    ? { kind: 'number', value: read.value }
    : { kind: 'ticket', value: read.value };
}

function missingPositional(state: CommandState, spec: PositionalSpec, position: number): ParseFailure {
  return new ParseFailure(
    `${state.path.join(' ')} needs the ${spec.label}: type it like "${sampleLine(state.command, position)}".`,
    state.command.usage,
    state.path,
  );
}

function extraPositional(
  state: CommandState,
  extra: PositionalToken,
  following: PositionalToken[],
): ParseFailure {
  const { command, path } = state;
  if (extra.afterFlag) {
    // The usual cause: a value with spaces typed without quotes, e.g. --title Printer broken.
    const words = [extra.afterFlag.value];
    for (const [offset, word] of following.entries()) {
      if (word.index !== extra.index + offset || (offset > 0 && word.afterFlag)) break;
      words.push(word.token.text);
    }
    return new ParseFailure(
      `Unexpected "${extra.token.text}" after ${extra.afterFlag.flag} ${extra.afterFlag.value}: put a value with spaces in quotes, like ${extra.afterFlag.flag} "${words.join(' ')}".`,
      command.usage,
      path,
    );
  }
  const takes =
    command.positionals.length === 0
      ? `${path.join(' ')} takes no arguments`
      : `${path.join(' ')} takes only ${formatList(command.positionals.map((positional) => positional.placeholder))}`;
  return new ParseFailure(`Unexpected extra argument "${extra.token.text}": ${takes}.`, command.usage, path);
}

const FIELD_PATH = /^\/[A-Za-z][A-Za-z0-9]*$/;

/** `/StatusId` -> `status`, `/OpenDate` -> `open date`: the field's name in messages. */
function fieldLabel(fieldPath: string): string {
  return fieldPath
    .slice(1)
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Reads `<path> <value>` pairs. Id and date fields are checked here for a precise message; the
 * values stay text because `buildPatchOperation` gives them their JSON types.
 */
function readChanges(words: PositionalToken[], path: string[]): TicketChange[] {
  const usage = usageOf(path);
  const changes: TicketChange[] = [];
  for (let index = 0; index < words.length; index += 2) {
    const fieldPath = (words[index] as PositionalToken).token.text;
    if (!FIELD_PATH.test(fieldPath)) {
      const message = /^[A-Za-z][A-Za-z0-9]*$/.test(fieldPath)
        ? `"${fieldPath}" is not a field path: start it with a slash, like /${fieldPath}.`
        : `"${fieldPath}" is not a ticket field path: type it like /StatusId or /Title.`;
      throw new ParseFailure(message, usage, path);
    }
    if (changes.some((change) => change.path.toLowerCase() === fieldPath.toLowerCase())) {
      throw new ParseFailure(`${fieldPath} is given twice: change each field once per patch.`, usage, path);
    }
    const valueWord = words[index + 1];
    if (!valueWord) {
      throw new ParseFailure(
        `The new value for ${fieldPath} is missing: type it after the path, like ${fieldPath} ${/Id$/.test(fieldPath) ? '6' : '"new value"'}.`,
        usage,
        path,
      );
    }
    const value = valueWord.token.text;
    if (/Id$/.test(fieldPath) && value !== 'null') {
      check(readId(value, fieldLabel(fieldPath)), `${fieldPath}: `, path);
    } else if (/Date$/.test(fieldPath) && value !== 'null') {
      check(readDate(value, fieldLabel(fieldPath)), `${fieldPath}: `, path);
    }
    changes.push({ path: fieldPath, value });
  }
  return changes;
}

function describeSlot(command: CommandSpec, slot: string): string {
  const [first, ...others] = flagsOfSlot(command, slot).map((flag) => `--${flag.name}`);
  return others.length === 0 ? `${first}` : `${first} (or ${others.join(', or ')})`;
}

function checkRequirements(state: CommandState): void {
  const { command, path } = state;
  const waived = command.requiredUnless !== undefined && state.slots.has(command.requiredUnless);

  if (!waived) {
    const missing: string[] = [];
    for (const flag of command.flags) {
      if (flag.required && !state.slots.has(flag.slot) && !missing.includes(flag.slot))
        missing.push(flag.slot);
    }
    if (missing.length === 1) {
      const slot = missing[0] as string;
      const first = flagsOfSlot(command, slot)[0] as FlagSpec;
      throw new ParseFailure(
        `${path.join(' ')} is missing the required flag ${describeSlot(command, slot)}: type it like --${first.name} ${first.sample}.`,
        command.usage,
        path,
      );
    }
    if (missing.length > 1) {
      throw new ParseFailure(
        `${path.join(' ')} is missing ${missing.length} required flags: ${missing.map((slot) => describeSlot(command, slot)).join(', ')}.`,
        command.usage,
        path,
      );
    }
    for (const group of command.requireOneOf ?? []) {
      if (!group.slots.some((slot) => state.slots.has(slot))) {
        throw new ParseFailure(group.message, command.usage, path);
      }
    }
  }

  for (const conflict of command.conflicts ?? []) {
    if (conflict.slots.every((slot) => state.slots.has(slot))) {
      throw new ParseFailure(conflict.message, command.usage, path);
    }
  }
}
