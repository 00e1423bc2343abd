import type { Route } from '../route.ts';
import { Router } from '../router.ts';
import { accountRoutes } from './accounts.ts';
import { lookupRoutes } from './lookups.ts';
import { noteRoutes } from './notes.ts';
import { securityRoutes } from './security.ts';
import { templateRoutes } from './templates.ts';
import { ticketRoutes } from './tickets.ts';
import { timeLogRoutes } from './timelogs.ts';

export const ALL_ROUTES: readonly Route[] = [
  ...securityRoutes,
  ...accountRoutes,
  ...ticketRoutes,
  ...noteRoutes,
  ...timeLogRoutes,
  ...templateRoutes,
  ...lookupRoutes,
];

export function buildRouter(): Router<Route> {
  const router = new Router<Route>();
  for (const route of ALL_ROUTES) router.add(route);
  return router;
}
