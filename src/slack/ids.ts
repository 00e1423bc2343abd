/**
 * Names that Slack and this app must agree on. The manifest declares the same commands,
 * shortcuts and events, and test/slack/manifest.test.ts checks both directions, so a rename
 * here fails that test until manifest.yml follows.
 */

export const Commands = {
  bms: '/bms',
} as const;

export const Shortcuts = {
  /** Global shortcut: open the ticket form from anywhere. */
  createTicket: 'create_ticket',
  /** Message shortcut: open the ticket form prefilled from a message. */
  createTicketFromMessage: 'create_ticket_from_message',
  /** Message shortcut: add a message (often a thread reply) to a ticket as a note. */
  addNoteFromMessage: 'add_note_from_message',
} as const;

/** The type each shortcut has in the manifest. */
export const ShortcutTypes: Record<ShortcutId, 'global' | 'message'> = {
  [Shortcuts.createTicket]: 'global',
  [Shortcuts.createTicketFromMessage]: 'message',
  [Shortcuts.addNoteFromMessage]: 'message',
};

export const Events = {
  appHomeOpened: 'app_home_opened',
} as const;

export type CommandName = (typeof Commands)[keyof typeof Commands];
export type ShortcutId = (typeof Shortcuts)[keyof typeof Shortcuts];
export type EventName = (typeof Events)[keyof typeof Events];

/** Buttons of the Home tab that other modules handle. */
export const HomeActions = {
  /** Opens the ticket form; the create-ticket module registers the listener. */
  createTicket: 'home_create_ticket',
} as const;
