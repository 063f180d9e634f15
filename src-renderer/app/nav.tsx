// The sidebar: one link per screen with a live count where it helps (transfers running, people
// connected, safety warnings). The current screen is marked with aria-current and a bar, not only
// a colour.
import { ArrowUpDown, FolderOpen, HardDrive, KeyRound, Plug, Server, Settings, Users } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { RouteId } from './routes.js';
import { hrefOf, ROUTE_LABELS, ROUTES } from './routes.js';

const ICONS: Readonly<Record<RouteId, LucideIcon>> = {
  shares: FolderOpen,
  transfers: ArrowUpDown,
  sessions: Plug,
  users: Users,
  keys: KeyRound,
  remotes: Server,
  cache: HardDrive,
  settings: Settings,
};

export interface NavCount {
  readonly value: number;
  /** Read after the number by screen readers and shown as a tooltip ("transfers running"). */
  readonly label: string;
  readonly tone?: 'neutral' | 'warning';
}

export function Nav({ route, counts }: { readonly route: RouteId; readonly counts: Partial<Record<RouteId, NavCount>> }) {
  return (
    <nav aria-label="Screens" className="nav">
      <ul>
        {ROUTES.map((id) => {
          const Icon = ICONS[id];
          const count = counts[id];
          return (
            <li key={id}>
              <a href={hrefOf(id)} className="nav-link" aria-current={route === id ? 'page' : undefined}>
                <Icon size={18} aria-hidden="true" />
                <span className="nav-label">{ROUTE_LABELS[id]}</span>
                {count && count.value > 0 && (
                  <span className={`nav-count nav-count-${count.tone ?? 'neutral'}`} title={`${count.value} ${count.label}`}>
                    {count.value}
                    <span className="visually-hidden"> {count.label}</span>
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
