export type { CommandSpec, FlagSpec, GroupSpec, PositionalSpec, ValueKind } from './commands.ts';
export {
  COMMANDS,
  childWords,
  findCommand,
  findGroup,
  GLOBAL_FLAGS,
  GROUPS,
  MAX_TEXT_LENGTH,
} from './commands.ts';
export { type HelpText, helpText, helpTopics } from './help.ts';
export { parseArguments, parseCommandLine } from './parse.ts';
export type * from './parsed-command.ts';
export {
  type Token,
  type TokenizeResult,
  tokenize,
  tokensFromArgv,
  unescapeSlackEntities,
} from './tokenizer.ts';
