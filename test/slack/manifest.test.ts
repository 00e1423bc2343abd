import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMemoryLogger } from '../../src/log.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import { Commands, Events, ShortcutTypes } from '../../src/slack/ids.ts';
import { testConfig } from '../fakes/slack-harness.ts';

interface Manifest {
  _metadata?: { major_version?: number; minor_version?: number };
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string };
    slash_commands?: Array<{ command: string; url?: string; description: string; usage_hint?: string }>;
    shortcuts?: Array<{ name: string; type: 'global' | 'message'; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled?: boolean;
  };
}

const manifest = parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
const SCHEMA_FILE = 'manifest.schema.2.0.0.json';
// SLACK_MANIFEST_SCHEMA_PATH points at the schema when the repository is not beside shared/.
const schemaUrl = process.env.SLACK_MANIFEST_SCHEMA_PATH
  ? new URL(`file://${process.env.SLACK_MANIFEST_SCHEMA_PATH}`)
  : new URL(`../../../shared/slack/${SCHEMA_FILE}`, import.meta.url);
const hasSchema = existsSync(schemaUrl);

const manifestCommands = () =>
  new Set((manifest.features.slash_commands ?? []).map((entry) => entry.command));
const manifestShortcuts = () =>
  new Map((manifest.features.shortcuts ?? []).map((entry) => [entry.callback_id, entry.type] as const));
const manifestEvents = () => new Set(manifest.settings.event_subscriptions?.bot_events ?? []);

const schemaTitle = hasSchema
  ? `manifest against ${SCHEMA_FILE}`
  : `manifest against ${SCHEMA_FILE} [skipped: ${schemaUrl.pathname} is missing; set SLACK_MANIFEST_SCHEMA_PATH]`;

describe.skipIf(!hasSchema)(schemaTitle, () => {
  it('validates against the schema', () => {
    const schema: unknown = JSON.parse(readFileSync(schemaUrl, 'utf8'));
    // strict: false because Slack's schema carries its own keywords (`regex`, `_note`).
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema as object);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('targets the schema major version', () => {
    expect(manifest._metadata?.major_version).toBe(Number(SCHEMA_FILE.split('.')[2]));
  });
});

describe('manifest', () => {
  it('declares the ids of ids.ts', () => {
    expect(manifestCommands()).toEqual(new Set(Object.values(Commands)));
    expect(manifestShortcuts()).toEqual(new Map(Object.entries(ShortcutTypes)));
    expect(manifestEvents()).toEqual(new Set(Object.values(Events)));
  });

  it('matches what the app registers', () => {
    const slack = createSlackApp({
      config: testConfig({ botToken: 'xoxb-not-used', url: 'http://127.0.0.1:9/api/' }),
      logger: createMemoryLogger(),
    });
    const { commands, shortcuts, events } = slack.registrations;
    expect(commands).toEqual(manifestCommands());
    expect(shortcuts).toEqual(manifestShortcuts());
    expect(events).toEqual(manifestEvents());
  });

  it('enables interactivity, home and messages tabs', () => {
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features.bot_user?.display_name).toBe('bms');
  });

  it('requests the scopes the app uses', () => {
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(
      new Set(['commands', 'chat:write', 'im:write', 'users:read', 'channels:history', 'groups:history']),
    );
  });

  it('has request URLs unless in Socket Mode', () => {
    // The schema cannot express this rule: over HTTP, Slack needs a URL for every surface.
    if (manifest.settings.socket_mode_enabled === true) return;
    expect(manifest.settings.event_subscriptions?.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity?.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity?.message_menu_options_url).toMatch(/\/slack\/events$/);
    for (const command of manifest.features.slash_commands ?? [])
      expect(command.url).toMatch(/\/slack\/events$/);
  });

  it('keeps shortcut names within 24', () => {
    for (const shortcut of manifest.features.shortcuts ?? [])
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
  });
});
