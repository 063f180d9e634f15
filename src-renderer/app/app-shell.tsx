// The window: a skip link, the sidebar (screens and what is being served), and the current screen.
// Focus moves to the screen when the route changes so keyboard and screen-reader users land on it.
import { useEffect, useRef } from 'react';
import type { WharfBridge } from '../../src-shared/contract/index.js';
import { ErrorText } from '../components/notices.js';
import { safetyBanners } from '../features/safety/safety-rules.js';
import { Nav } from './nav.js';
import { ScreenView } from './screen-view.js';
import { useApplyTheme } from './theme.js';
import { useHashRoute } from './use-hash-route.js';
import { useWharfState, WharfProvider } from './wharf-context.js';

export function App({ bridge }: { readonly bridge: WharfBridge }) {
  return (
    <WharfProvider bridge={bridge}>
      <AppShell />
    </WharfProvider>
  );
}

function AppShell() {
  const [route] = useHashRoute();
  const theme = useWharfState((s) => s.settings?.theme);
  const shares = useWharfState((s) => s.shares);
  const stats = useWharfState((s) => s.stats);
  const loadError = useWharfState((s) => s.loadError);
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  useApplyTheme(theme);

  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);

  const running = (shares ?? []).flatMap((s) => [s.status.sftp, s.status.ftp]).filter((st) => st.state === 'running').length;
  const warnings = safetyBanners(shares ?? []).length;
  const activeTransfers = stats?.transfers.filter((t) => t.state === 'active').length ?? 0;

  return (
    <div className="shell">
      <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>Skip to content</a>
      <aside className="sidebar">
        <div className="brand">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true" className="brand-mark">
            <rect x="2" y="2" width="28" height="28" rx="7" />
            <path d="M8 12h16M8 17h16M11 22h10" />
          </svg>
          <span>Wharf</span>
        </div>
        <Nav
          route={route}
          counts={{
            shares: { value: warnings, label: warnings === 1 ? 'safety warning' : 'safety warnings', tone: 'warning' },
            transfers: { value: activeTransfers, label: activeTransfers === 1 ? 'transfer running' : 'transfers running' },
            sessions: { value: stats?.sessions.length ?? 0, label: 'connected' },
          }}
        />
        <p className="sidebar-status" aria-live="polite">
          <span className={running > 0 ? 'dot dot-on' : 'dot'} aria-hidden="true" />
          {running === 0 ? 'Not sharing' : running === 1 ? '1 server running' : `${running} servers running`}
        </p>
      </aside>
      <main id="main" className="content" ref={main} tabIndex={-1}>
        {loadError && <ErrorText>{`Could not load Wharf's state: ${loadError}`}</ErrorText>}
        <ScreenView route={route} />
      </main>
    </div>
  );
}
