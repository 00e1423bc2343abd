import { Shortcuts } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';

// TODO: replace each of these with the real ticket and note flows. The manifest already
// declares the shortcuts, so until then they tell the user they are not ready instead of doing nothing.

const NOT_YET = 'This shortcut is not available in this version yet. Run `/bms help` to see what works now.';

/** Registers the manifest's shortcuts with a modal telling the user they are not available yet. */
export function registerPlaceholderShortcuts(registry: ListenerRegistry): void {
  registry.globalShortcut(Shortcuts.createTicket, async ({ shortcut, client }) => {
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: buildNoticeModal({ title: 'Create BMS ticket', text: NOT_YET }),
    });
  });
  registry.messageShortcut(Shortcuts.createTicketFromMessage, async ({ shortcut, client }) => {
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: buildNoticeModal({ title: 'Ticket from message', text: NOT_YET }),
    });
  });
  registry.messageShortcut(Shortcuts.addNoteFromMessage, async ({ shortcut, client }) => {
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: buildNoticeModal({ title: 'Add to BMS ticket', text: NOT_YET }),
    });
  });
}
