import type { FakeView, Json } from '../../test/fakes/slack-api.ts';
import type { ActionValue } from '../../test/fakes/slack-interaction.ts';
import { actorOf, type FlowContext, FlowFailure, timed } from './flow.ts';

/**
 * Reads modals the way a person does: finds fields by what their action id names (account,
 * location, ticket), and fills the required fields that are still empty with plausible values.
 */

export interface FormElement {
  blockId: string;
  actionId: string;
  element: Json;
  block: Json;
}

export interface OptionChoice {
  value: string;
  text: string;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists the interactive elements of the view: input elements, section accessories and action elements. */
export function elementsOf(view: FakeView): FormElement[] {
  const found: FormElement[] = [];
  const blocks: unknown[] = Array.isArray(view.view.blocks) ? view.view.blocks : [];
  for (const block of blocks.filter(isJson)) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const elements =
      block.type === 'input' && isJson(block.element)
        ? [block.element]
        : block.type === 'section' && isJson(block.accessory)
          ? [block.accessory]
          : block.type === 'actions' && Array.isArray(block.elements)
            ? block.elements.filter(isJson)
            : [];
    for (const element of elements) {
      if (typeof element.action_id === 'string')
        found.push({ blockId, actionId: element.action_id, element, block });
    }
  }
  return found;
}

/** Finds the first element whose action id matches `pattern` and, when `types` is given, whose type is one of them. */
export function findElement(
  view: FakeView,
  pattern: RegExp,
  types?: readonly string[],
): FormElement | undefined {
  return elementsOf(view).find(
    (candidate) =>
      pattern.test(candidate.actionId) && (!types || types.includes(String(candidate.element.type))),
  );
}

/** Reads the options of an element (static lists) or of an options request's ack body. */
export function optionChoices(source: unknown): OptionChoice[] {
  if (!isJson(source)) return [];
  const groups = Array.isArray(source.option_groups) ? source.option_groups.filter(isJson) : [];
  const options = [
    ...(Array.isArray(source.options) ? source.options : []),
    ...groups.flatMap((group) => (Array.isArray(group.options) ? group.options : [])),
  ].filter(isJson);
  return options.flatMap((option) => {
    const text = isJson(option.text) ? option.text.text : undefined;
    return typeof option.value === 'string' && typeof text === 'string'
      ? [{ value: option.value, text }]
      : [];
  });
}

/** Sends an options request for `query` as a keystroke in `element` and returns the options offered. */
export async function requestOptions(
  context: FlowContext,
  viewId: string,
  element: FormElement,
  query: string,
): Promise<OptionChoice[]> {
  const result = await timed(context, 'options', () =>
    context.driver.options(
      { viewId, actionId: element.actionId, blockId: element.blockId, value: query },
      actorOf(context, 'options'),
    ),
  );
  if (result.violations.length > 0)
    throw new FlowFailure(
      `options for ${element.actionId} break Block Kit rules: ${result.violations.join('; ')}`,
    );
  return optionChoices(result.body);
}

function hasValue(entry: Json | undefined): boolean {
  if (!entry) return false;
  return Object.entries(entry).some(
    ([key, value]) =>
      key !== 'type' &&
      value !== null &&
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0),
  );
}

const TITLES = [
  'Printer offline on floor 2',
  'Outlook keeps asking for the password',
  'VPN drops every hour',
];
const DETAILS = 'Reported in Slack by the customer; the simulated technician copied the message here.';

/**
 * Values for the required inputs that are still empty, keyed `blockId/actionId` as the driver takes
 * them. `presets` sets fields by action id pattern whether or not they are empty, and `alsoFill` names
 * optional fields to fill when empty (for a rule across fields, such as "a queue or an assignee"). External selects
 * are filled from an options request with an empty query, as a person who opens the list does.
 */
export async function fillForm(
  context: FlowContext,
  view: FakeView,
  presets: readonly { pattern: RegExp; value: ActionValue }[] = [],
  alsoFill: readonly RegExp[] = [],
): Promise<Record<string, ActionValue>> {
  const values: Record<string, ActionValue> = {};
  for (const field of elementsOf(view)) {
    if (field.block.type !== 'input') continue;
    const key = `${field.blockId}/${field.actionId}`;
    const preset = presets.find((entry) => entry.pattern.test(field.actionId));
    if (preset) {
      values[key] = preset.value;
      continue;
    }
    const toFill = field.block.optional !== true || alsoFill.some((pattern) => pattern.test(field.actionId));
    if (!toFill || hasValue(view.state.values[field.blockId]?.[field.actionId] as Json)) continue;
    values[key] = await valueFor(context, view, field);
  }
  return values;
}

async function valueFor(context: FlowContext, view: FakeView, field: FormElement): Promise<ActionValue> {
  const { element } = field;
  const type = String(element.type);
  const pick = (choices: OptionChoice[]): string => {
    const first = choices[0];
    if (!first) throw new FlowFailure(`required field ${field.actionId} offers no option`);
    return first.value;
  };
  switch (type) {
    case 'plain_text_input':
      return element.multiline === true
        ? DETAILS
        : (TITLES[Math.floor(context.random() * TITLES.length)] ?? 'Ticket');
    case 'number_input':
      return '1';
    case 'static_select':
    case 'radio_buttons':
    case 'checkboxes':
      return pick(optionChoices(element));
    case 'external_select': {
      const choices = await requestOptions(context, view.id, field, '');
      const first = choices[0];
      if (!first) throw new FlowFailure(`required field ${field.actionId} offers no option`);
      return first;
    }
    case 'users_select':
      return context.userId;
    case 'datepicker':
      return new Date().toISOString().slice(0, 10);
    case 'timepicker':
      return '09:00';
    case 'datetimepicker':
      return String(Math.floor(Date.now() / 1000));
    default:
      throw new FlowFailure(`the bench cannot fill a required ${type} (${field.actionId})`);
  }
}
