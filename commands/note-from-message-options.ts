import type { SlackDeps } from '../src/slack/deps.ts';
import type { OptionsArgs } from '../src/slack/registry.ts';
import { filterChoices, optionOf } from '../views/create-ticket-modal-options.ts';
import { NOTE_FORM_ACTIONS } from '../views/note-modal.ts';
import { quietUserContext } from './create-ticket-options.ts';
import { loadNoteStatuses, loadNoteTypes } from './note-from-message-form.ts';

/**
 * Loads the options of the note form's external selects (a list over 100 entries, or one that
 * could not be loaded when the form opened) from the cache, in the ack.
 */
export async function loadNoteOptions(deps: SlackDeps, args: OptionsArgs): Promise<void> {
  const user = await quietUserContext(deps, args);
  if (!user) {
    await args.ack({ options: [] });
    return;
  }
  const choices =
    args.body.action_id === NOTE_FORM_ACTIONS.type
      ? (await loadNoteTypes(user.cache, deps.config)).types
      : ((await loadNoteStatuses(user.cache)) ?? []);
  await args.ack({ options: filterChoices(choices, args.body.value ?? '').map(optionOf) });
}
