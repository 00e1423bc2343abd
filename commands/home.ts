import { Events } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { buildHomeView } from '../views/help.ts';

/** Publishes the Home tab each time a user opens it. */
export function registerHome(registry: ListenerRegistry): void {
  registry.event(Events.appHomeOpened, async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: buildHomeView() });
  });
}
