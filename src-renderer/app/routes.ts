// The screens, in the order the sidebar lists them, and the hash route of each (`#/users`). Hash
// routes work the same from the headless server and from the Electron window's app:// origin.
export const ROUTES = ['shares', 'transfers', 'sessions', 'users', 'keys', 'remotes', 'cache', 'settings'] as const;
export type RouteId = (typeof ROUTES)[number];

export const ROUTE_LABELS: Readonly<Record<RouteId, string>> = {
  shares: 'Shares',
  transfers: 'Transfers',
  sessions: 'Sessions',
  users: 'Users',
  keys: 'Keys',
  remotes: 'Remotes',
  cache: 'Cache',
  settings: 'Settings',
};

export function routeFromHash(hash: string): RouteId {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as RouteId) : 'shares';
}

export function hrefOf(route: RouteId): string {
  return `#/${route}`;
}
