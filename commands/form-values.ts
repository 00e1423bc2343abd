import type { ViewOutput, ViewStateValue } from '@slack/bolt';
import { formatIsoUtc } from '../src/services/index.ts';

/** Reads what the user entered in a modal, by the input's block id and action id. */
export class FormValues {
  readonly #values: ViewOutput['state']['values'];

  constructor(view: ViewOutput) {
    this.#values = view.state.values;
  }

  #entry(block: string, action: string): ViewStateValue | undefined {
    return this.#values[block]?.[action];
  }

  /** Text of a text input, trimmed; empty when the user left it empty. */
  text(block: string, action: string): string {
    return (this.#entry(block, action)?.value ?? '').trim();
  }

  /** Value of the chosen option of a select or radio group. */
  option(block: string, action: string): string | undefined {
    return this.#entry(block, action)?.selected_option?.value ?? undefined;
  }

  /** Reads a chosen option as a number id, such as a status id. Note type 0 is valid. */
  id(block: string, action: string): number | undefined {
    const value = this.option(block, action);
    if (value === undefined || !/^\d+$/.test(value)) return undefined;
    return Number(value);
  }

  /** Values of the ticked checkboxes. */
  options(block: string, action: string): string[] {
    return (this.#entry(block, action)?.selected_options ?? []).map((option) => option.value);
  }

  /** Reads a date-time picker's value as ISO 8601 UTC, or undefined when left empty. */
  dateTime(block: string, action: string): string | undefined {
    const seconds = this.#entry(block, action)?.selected_date_time;
    return typeof seconds === 'number' ? formatIsoUtc(seconds * 1000) : undefined;
  }
}
