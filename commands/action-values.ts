import type { BlockAction } from '@slack/bolt';
import { parseBmsId } from '../src/services/index.ts';

/**
 * Reads the values this app put on its buttons and selects. A value that does not read is
 * either a bug or a forged payload, so it throws instead of guessing.
 */

/** Returns the value of the clicked button or the chosen option. */
export function actionValue(body: BlockAction): string | undefined {
  const action = body.actions[0];
  if (!action) return undefined;
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

/** Reads a BMS id such as a ticket id from a value. */
export function readIdValue(value: string | undefined, what: string): number {
  const parsed = parseBmsId(value, what);
  if (!parsed.ok) throw new Error(`The button carries no valid ${what} id.`);
  return parsed.id;
}

/** Reads a JSON value of a button or of a view's private_metadata. */
export function readJsonValue(value: string | undefined, what: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Reported below with what was expected.
  }
  throw new Error(`The ${what} carries no readable value.`);
}

/** Reads a positive whole number field of a JSON value. */
export function readIdField(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`The stored value has no valid ${field}.`);
  }
  return value;
}
