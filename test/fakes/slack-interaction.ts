import { isObject } from './block-kit-rules.ts';
import type { Json, ViewStateValues } from './slack-api-state.ts';

/**
 * What a user can do with the elements of a message or view, expressed as Slack expresses
 * it: the action in a `block_actions` payload and the entry in `view.state.values`. A test
 * that picks an option the element does not offer, or a button that is not there, gets an
 * error here, because no user could do that.
 */

/** The value a user gives an element: option value(s), text, date, user id, or an external option. */
export type ActionValue = string | string[] | { value: string; text: string };

export interface FoundElement {
  block: Json;
  blockId: string;
  element: Json;
  actionId: string;
}

/** Finds an interactive element by action id (and block id when several blocks use it). */
export function findElement(blocks: unknown, actionId: string, blockId?: string): FoundElement {
  const found: FoundElement[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isObject(block)) continue;
    const id = typeof block.block_id === 'string' ? block.block_id : '';
    if (blockId !== undefined && id !== blockId) continue;
    for (const element of elementsOf(block)) {
      if (element.action_id === actionId) found.push({ block, blockId: id, element, actionId });
    }
  }
  const [first] = found;
  if (!first)
    throw new Error(`no element with action_id ${actionId}${blockId ? ` in block ${blockId}` : ''}`);
  if (found.length > 1) throw new Error(`action_id ${actionId} is in several blocks; pass blockId`);
  return first;
}

function elementsOf(block: Json): Json[] {
  if (block.type === 'input' && isObject(block.element)) return [block.element];
  if (block.type === 'section' && isObject(block.accessory)) return [block.accessory];
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements.filter(isObject);
  return [];
}

function optionsOf(element: Json): Json[] {
  if (Array.isArray(element.options)) return element.options.filter(isObject);
  if (Array.isArray(element.option_groups)) {
    return element.option_groups
      .filter(isObject)
      .flatMap((group) => (Array.isArray(group.options) ? group.options.filter(isObject) : []));
  }
  return [];
}

function pickOption(element: Json, value: string): Json {
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  if (!option) throw new Error(`element ${String(element.action_id)} offers no option with value ${value}`);
  return option;
}

function externalOption(value: ActionValue): Json {
  if (typeof value === 'string') return { text: { type: 'plain_text', text: value }, value };
  if (Array.isArray(value)) throw new Error('an external select takes one option');
  return { text: { type: 'plain_text', text: value.text }, value: value.value };
}

function asList(value: ActionValue): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [value];
  return [value.value];
}

function asText(value: ActionValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new Error('this element takes one value');
  return value.value;
}

/** Returns the `view.state.values` entry of an element after the user set it to `value`. */
export function stateEntryFor(element: Json, value: ActionValue): Json {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: asText(value) };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: pickOption(element, asText(value)) };
    case 'external_select':
      return { type, selected_option: externalOption(value) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: asList(value).map((item) => pickOption(element, item)) };
    case 'multi_external_select':
      return { type, selected_options: asList(value).map((item) => externalOption(item)) };
    case 'users_select':
      return { type, selected_user: asText(value) };
    case 'multi_users_select':
      return { type, selected_users: asList(value) };
    case 'conversations_select':
      return { type, selected_conversation: asText(value) };
    case 'channels_select':
      return { type, selected_channel: asText(value) };
    case 'datepicker':
      return { type, selected_date: asText(value) };
    case 'timepicker':
      return { type, selected_time: asText(value) };
    case 'datetimepicker':
      return { type, selected_date_time: Number(asText(value)) };
    default:
      throw new Error(`the driver cannot set an element of type ${type}`);
  }
}

/** Builds the action object of a `block_actions` payload for one element. */
export function actionFor(found: FoundElement, value: ActionValue | undefined, actionTs: string): Json {
  const { element, blockId, actionId } = found;
  const base = { type: element.type, action_id: actionId, block_id: blockId, action_ts: actionTs };
  if (element.type === 'button') {
    return { ...base, text: element.text, value: element.value, style: element.style };
  }
  if (element.type === 'overflow') {
    if (value === undefined) throw new Error(`overflow ${actionId} needs the value of the chosen option`);
    return { ...base, selected_option: pickOption(element, asText(value)) };
  }
  if (value === undefined)
    throw new Error(`element ${actionId} of type ${String(element.type)} needs a value`);
  const { type: _type, ...entry } = stateEntryFor(element, value);
  return { ...base, ...entry };
}

/** Input blocks the user must fill before Slack lets them submit, that are still empty. */
export function missingRequiredInputs(blocks: unknown, values: ViewStateValues): string[] {
  const missing: string[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isObject(block) || block.type !== 'input' || block.optional === true || !isObject(block.element))
      continue;
    const blockId = String(block.block_id);
    const entries = Object.values(values[blockId] ?? {});
    if (!entries.some(hasValue)) missing.push(blockId);
  }
  return missing;
}

function hasValue(entry: Json): boolean {
  return Object.entries(entry).some(([key, value]) => {
    if (key === 'type') return false;
    if (Array.isArray(value)) return value.length > 0;
    return value !== null && value !== undefined && value !== '';
  });
}

/** Block ids of the input blocks in a view: the only keys a `response_action: errors` may use. */
export function inputBlockIds(blocks: unknown): Set<string> {
  const ids = new Set<string>();
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (isObject(block) && block.type === 'input' && typeof block.block_id === 'string')
      ids.add(block.block_id);
  }
  return ids;
}
