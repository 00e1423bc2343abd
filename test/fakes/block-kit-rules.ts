/**
 * Block Kit limits that Slack enforces, checked on plain JSON. The fake Slack Web API
 * rejects with `invalid_blocks` what these rules flag, and builder tests call them directly
 * so that a view or message that Slack would refuse fails before it reaches a fake server.
 *
 * Numbers follow Slack's Block Kit reference and `@slack/types`; where sources disagree the
 * stricter number is used (select option values: 75 characters).
 */

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  actionId: 255,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  viewTitle: 24,
  viewButton: 24,
  viewBytes: 250_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  selectOptions: 100,
  overflowOptions: 5,
  checkboxOptions: 10,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  altText: 2000,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  markdownBlockText: 12_000,
  /** `chat.postMessage` returns `msg_too_long` above this many characters of `text`. */
  messageText: 40_000,
  /** Fallback `text` beside blocks is shown in notifications; longer is refused here. */
  fallbackText: 4000,
  /** Slack returns `msg_blocks_too_long` at about this many characters of text in all blocks (an estimate from reports, not documented). */
  messageBlocksText: 12_000,
} as const;

/** One broken rule, located by a JSON pointer the way Slack reports it. */
export interface BlockKitViolation {
  pointer: string;
  message: string;
}

export type BlockSurface = 'message' | 'modal' | 'home';

type Json = Record<string, unknown>;

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'actions',
  'context',
  'input',
  'image',
  'rich_text',
  'markdown',
  'video',
  'file',
]);

const SELECT_TYPES = new Set([
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);

const ACTIONS_ELEMENT_TYPES = new Set([
  ...SELECT_TYPES,
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
]);

const ACCESSORY_TYPES = new Set([...ACTIONS_ELEMENT_TYPES, 'image']);

const INPUT_ELEMENT_TYPES = new Set([
  ...SELECT_TYPES,
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'file_input',
  'rich_text_input',
]);

/** Collects violations while walking one payload. */
class Checker {
  readonly violations: BlockKitViolation[] = [];

  fail(pointer: string, message: string): void {
    this.violations.push({ pointer, message });
  }

  object(value: unknown, pointer: string, what: string): Json | undefined {
    if (isObject(value)) return value;
    this.fail(pointer, `${what} must be an object`);
    return undefined;
  }

  /** A string field: absent is fine unless required; present must be 1..max characters. */
  string(owner: Json, key: string, pointer: string, max: number, required = false): string | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.fail(`${pointer}/${key}`, `${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(`${pointer}/${key}`, `${key} must be a string`);
      return undefined;
    }
    if (required && value.length === 0) this.fail(`${pointer}/${key}`, `${key} must not be empty`);
    if (value.length > max) this.fail(`${pointer}/${key}`, `must be less than ${max + 1} characters`);
    return value;
  }

  /** A text object; `plainOnly` for places that take plain_text only (labels, buttons, titles). */
  text(
    owner: Json,
    key: string,
    pointer: string,
    max: number,
    options: { required?: boolean; plainOnly?: boolean },
  ): void {
    const value = owner[key];
    const at = `${pointer}/${key}`;
    if (value === undefined) {
      if (options.required) this.fail(at, `${key} is required`);
      return;
    }
    const text = this.object(value, at, key);
    if (!text) return;
    if (text.type !== 'plain_text' && text.type !== 'mrkdwn') {
      this.fail(`${at}/type`, 'must be plain_text or mrkdwn');
    } else if (options.plainOnly && text.type !== 'plain_text') {
      this.fail(`${at}/type`, 'must be plain_text');
    }
    this.string(text, 'text', at, max, true);
  }

  id(owner: Json, key: 'block_id' | 'action_id', pointer: string): string | undefined {
    return this.string(
      owner,
      key,
      pointer,
      key === 'block_id' ? BLOCK_KIT_LIMITS.blockId : BLOCK_KIT_LIMITS.actionId,
    );
  }

  array(
    owner: Json,
    key: string,
    pointer: string,
    min: number,
    max: number,
    required = true,
  ): unknown[] | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.fail(`${pointer}/${key}`, `${key} is required`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(`${pointer}/${key}`, `${key} must be an array`);
      return undefined;
    }
    if (value.length < min) this.fail(`${pointer}/${key}`, `must provide at least ${min} items`);
    if (value.length > max) this.fail(`${pointer}/${key}`, `no more than ${max} items allowed`);
    return value;
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a `blocks` array for a message, modal or home tab. */
export function checkBlocks(
  blocks: unknown,
  surface: BlockSurface,
  pointer = '/blocks',
): BlockKitViolation[] {
  const checker = new Checker();
  walkBlocks(checker, blocks, surface, pointer);
  return checker.violations;
}

function walkBlocks(checker: Checker, blocks: unknown, surface: BlockSurface, pointer: string): void {
  if (!Array.isArray(blocks)) {
    checker.fail(pointer, 'blocks must be an array');
    return;
  }
  const max = surface === 'message' ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  if (blocks.length > max) checker.fail(pointer, `no more than ${max} items allowed`);

  const blockIds = new Set<string>();
  blocks.forEach((value, index) => {
    const at = `${pointer}/${index}`;
    const block = checker.object(value, at, 'block');
    if (!block) return;
    const blockId = checker.id(block, 'block_id', at);
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) checker.fail(`${at}/block_id`, `duplicate block_id ${blockId}`);
      blockIds.add(blockId);
    }
    checkBlock(checker, block, at);
  });
}

function checkBlock(checker: Checker, block: Json, at: string): void {
  const type = block.type;
  if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
    checker.fail(`${at}/type`, `unsupported block type ${String(type)}`);
    return;
  }
  switch (type) {
    case 'section':
      checkSection(checker, block, at);
      break;
    case 'header':
      checker.text(block, 'text', at, BLOCK_KIT_LIMITS.headerText, { required: true, plainOnly: true });
      break;
    case 'actions':
      checkElements(checker, block, at, BLOCK_KIT_LIMITS.actionsElements, ACTIONS_ELEMENT_TYPES);
      break;
    case 'context':
      checkContext(checker, block, at);
      break;
    case 'input':
      checkInput(checker, block, at);
      break;
    case 'image':
      checkImage(checker, block, at);
      checker.text(block, 'title', at, BLOCK_KIT_LIMITS.altText, { plainOnly: true });
      break;
    case 'markdown':
      checker.string(block, 'text', at, BLOCK_KIT_LIMITS.markdownBlockText, true);
      break;
    case 'rich_text':
      checker.array(block, 'elements', at, 1, Number.POSITIVE_INFINITY);
      break;
    default:
      break;
  }
}

function checkSection(checker: Checker, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) {
    checker.fail(at, 'a section needs text or fields');
  }
  checker.text(block, 'text', at, BLOCK_KIT_LIMITS.sectionText, {});
  const fields = checker.array(block, 'fields', at, 1, BLOCK_KIT_LIMITS.sectionFields, false);
  fields?.forEach((field, index) => {
    const fieldAt = `${at}/fields/${index}`;
    const text = checker.object(field, fieldAt, 'field');
    if (!text) return;
    if (text.type !== 'plain_text' && text.type !== 'mrkdwn')
      checker.fail(`${fieldAt}/type`, 'must be plain_text or mrkdwn');
    checker.string(text, 'text', fieldAt, BLOCK_KIT_LIMITS.sectionFieldText, true);
  });
  if (block.accessory !== undefined) {
    const accessory = checker.object(block.accessory, `${at}/accessory`, 'accessory');
    if (accessory) checkElement(checker, accessory, `${at}/accessory`, ACCESSORY_TYPES);
  }
}

function checkElements(checker: Checker, block: Json, at: string, max: number, allowed: Set<string>): void {
  const elements = checker.array(block, 'elements', at, 1, max);
  const actionIds = new Set<string>();
  elements?.forEach((value, index) => {
    const elementAt = `${at}/elements/${index}`;
    const element = checker.object(value, elementAt, 'element');
    if (!element) return;
    const actionId = element.action_id;
    if (typeof actionId === 'string') {
      if (actionIds.has(actionId)) checker.fail(`${elementAt}/action_id`, `duplicate action_id ${actionId}`);
      actionIds.add(actionId);
    }
    checkElement(checker, element, elementAt, allowed);
  });
}

function checkContext(checker: Checker, block: Json, at: string): void {
  const elements = checker.array(block, 'elements', at, 1, BLOCK_KIT_LIMITS.contextElements);
  elements?.forEach((value, index) => {
    const elementAt = `${at}/elements/${index}`;
    const element = checker.object(value, elementAt, 'element');
    if (!element) return;
    if (element.type === 'image') {
      checkImage(checker, element, elementAt);
    } else if (element.type === 'plain_text' || element.type === 'mrkdwn') {
      checker.string(element, 'text', elementAt, BLOCK_KIT_LIMITS.sectionText, true);
    } else {
      checker.fail(`${elementAt}/type`, 'must be image, plain_text or mrkdwn');
    }
  });
}

function checkInput(checker: Checker, block: Json, at: string): void {
  checker.text(block, 'label', at, BLOCK_KIT_LIMITS.label, { required: true, plainOnly: true });
  checker.text(block, 'hint', at, BLOCK_KIT_LIMITS.hint, { plainOnly: true });
  if (block.element === undefined) {
    checker.fail(`${at}/element`, 'element is required');
    return;
  }
  const element = checker.object(block.element, `${at}/element`, 'element');
  if (element) checkElement(checker, element, `${at}/element`, INPUT_ELEMENT_TYPES);
}

function checkImage(checker: Checker, image: Json, at: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    checker.fail(at, 'an image needs image_url or slack_file');
  }
  checker.string(image, 'image_url', at, BLOCK_KIT_LIMITS.url);
  checker.string(image, 'alt_text', at, BLOCK_KIT_LIMITS.altText, true);
}

function checkElement(checker: Checker, element: Json, at: string, allowed: Set<string>): void {
  const type = element.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    checker.fail(`${at}/type`, `element type ${String(type)} is not allowed here`);
    return;
  }
  checker.id(element, 'action_id', at);
  checker.text(element, 'placeholder', at, BLOCK_KIT_LIMITS.placeholder, { plainOnly: true });
  if (element.confirm !== undefined) checkConfirm(checker, element.confirm, `${at}/confirm`);

  if (type === 'button') {
    checker.text(element, 'text', at, BLOCK_KIT_LIMITS.buttonText, { required: true, plainOnly: true });
    checker.string(element, 'value', at, BLOCK_KIT_LIMITS.buttonValue);
    checker.string(element, 'url', at, BLOCK_KIT_LIMITS.url);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      checker.fail(`${at}/style`, 'must be primary or danger');
    }
  } else if (type === 'static_select' || type === 'multi_static_select') {
    checkStaticSelect(checker, element, at);
  } else if (type === 'external_select' || type === 'multi_external_select') {
    checkExternalSelect(checker, element, at);
  } else if (type === 'overflow') {
    checkOptionList(checker, element, 'options', at, BLOCK_KIT_LIMITS.overflowOptions, true);
  } else if (type === 'checkboxes' || type === 'radio_buttons') {
    const options = checkOptionList(checker, element, 'options', at, BLOCK_KIT_LIMITS.checkboxOptions, false);
    checkInitialOptions(checker, element, at, options ?? [], type === 'checkboxes');
  } else if (type === 'plain_text_input') {
    checkPlainTextInput(checker, element, at);
  } else if (type === 'datepicker') {
    checkPattern(checker, element, 'initial_date', at, /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
  } else if (type === 'timepicker') {
    checkPattern(checker, element, 'initial_time', at, /^\d{2}:\d{2}$/, 'HH:mm');
  } else if (type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean') {
    checker.fail(`${at}/is_decimal_allowed`, 'is_decimal_allowed is required');
  }
}

function checkPattern(
  checker: Checker,
  element: Json,
  key: string,
  at: string,
  pattern: RegExp,
  shape: string,
): void {
  const value = element[key];
  if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) {
    checker.fail(`${at}/${key}`, `must be ${shape}`);
  }
}

function checkPlainTextInput(checker: Checker, element: Json, at: string): void {
  const limit = BLOCK_KIT_LIMITS.plainTextInputLength;
  const { max_length: maxLength, min_length: minLength } = element;
  if (maxLength !== undefined && (typeof maxLength !== 'number' || maxLength < 1 || maxLength > limit)) {
    checker.fail(`${at}/max_length`, `must be between 1 and ${limit}`);
  }
  if (minLength !== undefined && (typeof minLength !== 'number' || minLength < 0 || minLength > limit)) {
    checker.fail(`${at}/min_length`, `must be between 0 and ${limit}`);
  }
  if (typeof maxLength === 'number' && typeof minLength === 'number' && minLength > maxLength) {
    checker.fail(`${at}/min_length`, 'must not be greater than max_length');
  }
  const longest = typeof maxLength === 'number' ? Math.min(maxLength, limit) : limit;
  checker.string(element, 'initial_value', at, longest);
}

function checkStaticSelect(checker: Checker, element: Json, at: string): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    checker.fail(at, 'a static select needs exactly one of options and option_groups');
    return;
  }
  let options: Json[] = [];
  if (hasOptions) {
    options = checkOptionList(checker, element, 'options', at, BLOCK_KIT_LIMITS.selectOptions, true) ?? [];
  } else {
    const groups = checker.array(element, 'option_groups', at, 1, BLOCK_KIT_LIMITS.selectOptions);
    groups?.forEach((value, index) => {
      const groupAt = `${at}/option_groups/${index}`;
      const group = checker.object(value, groupAt, 'option group');
      if (!group) return;
      checker.text(group, 'label', groupAt, BLOCK_KIT_LIMITS.optionText, { required: true, plainOnly: true });
      options.push(
        ...(checkOptionList(checker, group, 'options', groupAt, BLOCK_KIT_LIMITS.selectOptions, true) ?? []),
      );
    });
  }
  checkInitialOptions(checker, element, at, options, element.type === 'multi_static_select');
}

function checkExternalSelect(checker: Checker, element: Json, at: string): void {
  // An external select's initial option need not be among loaded options, but must be a valid option.
  if (element.initial_option !== undefined) {
    checkOption(checker, element.initial_option, `${at}/initial_option`, true);
  }
  if (Array.isArray(element.initial_options)) {
    element.initial_options.forEach((option, index) => {
      checkOption(checker, option, `${at}/initial_options/${index}`, true);
    });
  }
  const minQueryLength = element.min_query_length;
  if (minQueryLength !== undefined && (typeof minQueryLength !== 'number' || minQueryLength < 0)) {
    checker.fail(`${at}/min_query_length`, 'must be a number of at least 0');
  }
}

/** Checks an option list; `plainOnly` for selects and overflow menus, whose option text is plain_text. */
function checkOptionList(
  checker: Checker,
  owner: Json,
  key: string,
  at: string,
  max: number,
  plainOnly: boolean,
): Json[] | undefined {
  const options = checker.array(owner, key, at, 1, max);
  if (!options) return undefined;
  const valid: Json[] = [];
  options.forEach((option, index) => {
    const checked = checkOption(checker, option, `${at}/${key}/${index}`, plainOnly);
    if (checked) valid.push(checked);
  });
  return valid;
}

function checkOption(checker: Checker, value: unknown, at: string, plainOnly: boolean): Json | undefined {
  const option = checker.object(value, at, 'option');
  if (!option) return undefined;
  checker.text(option, 'text', at, BLOCK_KIT_LIMITS.optionText, { required: true, plainOnly });
  checker.string(option, 'value', at, BLOCK_KIT_LIMITS.optionValue, true);
  checker.text(option, 'description', at, BLOCK_KIT_LIMITS.optionDescription, { plainOnly });
  checker.string(option, 'url', at, BLOCK_KIT_LIMITS.url);
  return option;
}

/** Slack refuses an initial option that is not exactly one of the element's options. */
function checkInitialOptions(
  checker: Checker,
  element: Json,
  at: string,
  options: Json[],
  multiple: boolean,
): void {
  const known = new Set(options.map(canonicalJson));
  const key = multiple ? 'initial_options' : 'initial_option';
  const initial = element[key];
  if (initial === undefined) return;
  const chosen = multiple && Array.isArray(initial) ? initial : [initial];
  chosen.forEach((option, index) => {
    const optionAt = multiple ? `${at}/${key}/${index}` : `${at}/${key}`;
    if (!known.has(canonicalJson(option)))
      checker.fail(optionAt, `${key} must match one of the options exactly`);
  });
}

function checkConfirm(checker: Checker, value: unknown, at: string): void {
  const confirm = checker.object(value, at, 'confirm');
  if (!confirm) return;
  checker.text(confirm, 'title', at, BLOCK_KIT_LIMITS.confirmTitle, { required: true, plainOnly: true });
  checker.text(confirm, 'text', at, BLOCK_KIT_LIMITS.confirmText, { required: true });
  checker.text(confirm, 'confirm', at, BLOCK_KIT_LIMITS.confirmButton, { required: true, plainOnly: true });
  checker.text(confirm, 'deny', at, BLOCK_KIT_LIMITS.confirmButton, { required: true, plainOnly: true });
}

/** Checks a modal or home tab view, blocks included. */
export function checkView(value: unknown): BlockKitViolation[] {
  const checker = new Checker();
  const view = checker.object(value, '/view', 'view');
  if (!view) return checker.violations;

  if (view.type !== 'modal' && view.type !== 'home') {
    checker.fail('/view/type', 'must be modal or home');
  }
  if (view.type === 'modal') {
    checker.text(view, 'title', '/view', BLOCK_KIT_LIMITS.viewTitle, { required: true, plainOnly: true });
    checker.text(view, 'submit', '/view', BLOCK_KIT_LIMITS.viewButton, { plainOnly: true });
    checker.text(view, 'close', '/view', BLOCK_KIT_LIMITS.viewButton, { plainOnly: true });
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && view.submit === undefined) {
      checker.fail('/view/submit', 'submit is required when blocks contain an input block');
    }
  }
  checker.string(view, 'private_metadata', '/view', BLOCK_KIT_LIMITS.privateMetadata);
  checker.string(view, 'callback_id', '/view', BLOCK_KIT_LIMITS.callbackId);
  checker.string(view, 'external_id', '/view', BLOCK_KIT_LIMITS.externalId);
  walkBlocks(checker, view.blocks, view.type === 'home' ? 'home' : 'modal', '/view/blocks');

  if (Buffer.byteLength(JSON.stringify(view)) > BLOCK_KIT_LIMITS.viewBytes) {
    checker.fail('/view', `a view must be at most ${BLOCK_KIT_LIMITS.viewBytes} bytes`);
  }
  return checker.violations;
}

/** Checks the ack body of a `block_suggestion` (options load) request. */
export function checkOptionsResponse(value: unknown): BlockKitViolation[] {
  const checker = new Checker();
  const body = checker.object(value, '', 'options response');
  if (!body) return checker.violations;
  if (body.options !== undefined && body.option_groups !== undefined) {
    checker.fail('', 'send options or option_groups, not both');
  }
  if (body.option_groups !== undefined) {
    const groups = checker.array(body, 'option_groups', '', 0, BLOCK_KIT_LIMITS.selectOptions);
    groups?.forEach((value, index) => {
      const group = checker.object(value, `/option_groups/${index}`, 'option group');
      if (!group) return;
      checker.text(group, 'label', `/option_groups/${index}`, BLOCK_KIT_LIMITS.optionText, {
        required: true,
        plainOnly: true,
      });
      checkOptionList(
        checker,
        group,
        'options',
        `/option_groups/${index}`,
        BLOCK_KIT_LIMITS.selectOptions,
        true,
      );
    });
  } else {
    const options = checker.array(body, 'options', '', 0, BLOCK_KIT_LIMITS.selectOptions);
    options?.forEach((option, index) => {
      checkOption(checker, option, `/options/${index}`, true);
    });
  }
  return checker.violations;
}

/**
 * Returns the Slack error for a message that is too long, or undefined. `text` over 40,000
 * characters is `msg_too_long`. So is fallback text over 4,000 beside blocks, which is stricter
 * than Slack (it truncates) because a notification that long is a bug. Blocks with more than
 * about 12,000 characters of text are `msg_blocks_too_long`.
 */
export function messageLengthError(message: { text?: unknown; blocks?: unknown }): string | undefined {
  const text = typeof message.text === 'string' ? message.text : '';
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (text.length > BLOCK_KIT_LIMITS.messageText) return 'msg_too_long';
  if (hasBlocks && text.length > BLOCK_KIT_LIMITS.fallbackText) return 'msg_too_long';
  if (hasBlocks && blockTextLength(message.blocks) > BLOCK_KIT_LIMITS.messageBlocksText)
    return 'msg_blocks_too_long';
  return undefined;
}

/** Counts the characters of every `text` string inside the blocks. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockTextLength(item), 0);
  if (!isObject(value)) return 0;
  let total = 0;
  for (const [key, item] of Object.entries(value)) {
    total += key === 'text' && typeof item === 'string' ? item.length : blockTextLength(item);
  }
  return total;
}

/** Formats violations as Slack does in `errors` and `response_metadata.messages`. */
export function describeViolations(violations: BlockKitViolation[]): string[] {
  return violations.map((violation) => `${violation.message} [json-pointer:${violation.pointer}]`);
}

/** JSON with sorted keys, for comparing options exactly. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
