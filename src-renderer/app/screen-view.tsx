// The screen for the current route.
import { assertNever } from '../../src-shared/assert-never.js';
import { CacheScreen } from '../features/cache/cache-screen.js';
import { KeysScreen } from '../features/keys/keys-screen.js';
import { RemotesScreen } from '../features/remotes/remotes-screen.js';
import { SessionsScreen } from '../features/sessions/sessions-screen.js';
import { SettingsScreen } from '../features/settings/settings-screen.js';
import { SharesScreen } from '../features/shares/shares-screen.js';
import { TransfersScreen } from '../features/transfers/transfers-screen.js';
import { UsersScreen } from '../features/users/users-screen.js';
import type { RouteId } from './routes.js';

export function ScreenView({ route }: { readonly route: RouteId }) {
  switch (route) {
    case 'shares':
      return <SharesScreen />;
    case 'transfers':
      return <TransfersScreen />;
    case 'sessions':
      return <SessionsScreen />;
    case 'users':
      return <UsersScreen />;
    case 'keys':
      return <KeysScreen />;
    case 'remotes':
      return <RemotesScreen />;
    case 'cache':
      return <CacheScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return assertNever(route, 'route');
  }
}
