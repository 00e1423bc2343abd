import type { types } from '@slack/bolt';
import { foldName } from '../src/services/name-matching.ts';
import { SLACK_LIMITS, shorten } from './text-limits.ts';

/** One entry of a dropdown: a BMS record's id and the name shown for it. */
export interface Choice {
  id: number;
  name: string;
}

/** Slack shows at most this many options in a select, static or external. */
export const MAX_SELECT_OPTIONS = 100;

/** Turns a BMS record into a select option: the name shortened to 75 characters, the id as the value. */
export function optionOf(choice: Choice): types.PlainTextOption & { value: string } {
  const name = choice.name.trim() || `(no name, id ${choice.id})`;
  return {
    text: { type: 'plain_text', text: shorten(name, SLACK_LIMITS.optionText), emoji: false },
    value: String(choice.id),
  };
}

/** Reads the BMS id back from an option value; undefined for anything but a positive whole number. */
export function idOfOptionValue(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 && id <= 2_147_483_647 ? id : undefined;
}

export interface SelectSpec {
  actionId: string;
  placeholder: string;
  /** The list to offer, or undefined when it could not be loaded (the options load then tries again). */
  choices: readonly Choice[] | undefined;
  selectedId?: number;
}

/**
 * Builds a select for a BMS list. Up to 100 entries become a static select. A longer list, or
 * one that could not be loaded, becomes an external select that loads on open
 * (`min_query_length` 0) and filters as the user types, because Slack rejects more than 100
 * options and a static select cannot be empty.
 */
export function selectOf(spec: SelectSpec): types.StaticSelect | types.ExternalSelect {
  const { actionId, choices, selectedId } = spec;
  const placeholder = { type: 'plain_text' as const, text: shorten(spec.placeholder, 150) };
  const selected = selectedId === undefined ? undefined : choices?.find((choice) => choice.id === selectedId);

  if (choices && choices.length > 0 && choices.length <= MAX_SELECT_OPTIONS) {
    const options = choices.map(optionOf);
    return {
      type: 'static_select',
      action_id: actionId,
      placeholder,
      options,
      ...(selected ? { initial_option: optionOf(selected) } : {}),
    };
  }
  return {
    type: 'external_select',
    action_id: actionId,
    placeholder,
    min_query_length: 0,
    ...(selected ? { initial_option: optionOf(selected) } : {}),
  };
}

/**
 * Filters a list for an options load: names containing the typed text (ignoring case and
 * accents), names that start with it first, at most 100.
 */
export function filterChoices(choices: readonly Choice[], query: string): Choice[] {
  const folded = foldName(query.trim());
  const matching = folded === '' ? [...choices] : choices.filter((c) => foldName(c.name).includes(folded));
  const startsFirst = (choice: Choice) => (foldName(choice.name).startsWith(folded) ? 0 : 1);
  return matching
    .map((choice, index) => ({ choice, index }))
    .sort((a, b) => startsFirst(a.choice) - startsFirst(b.choice) || a.index - b.index)
    .slice(0, MAX_SELECT_OPTIONS)
    .map(({ choice }) => choice);
}
