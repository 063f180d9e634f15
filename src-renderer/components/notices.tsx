// Messages: an error that says what to do (announced at once), a neutral or warning notice, and
// the empty state of a list that names the next step. Icons repeat what the words say.
import { AlertTriangle, Info, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';

export function ErrorText({ children }: { readonly children: ReactNode }) {
  return (
    <p role="alert" className="error-text">
      <XCircle aria-hidden="true" size={16} />
      <span>{children}</span>
    </p>
  );
}

export interface NoticeProps {
  readonly tone: 'info' | 'warning';
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}

export function Notice({ tone, title, children, actions }: NoticeProps) {
  const Icon = tone === 'warning' ? AlertTriangle : Info;
  return (
    <section className={`notice notice-${tone}`} aria-label={`${tone === 'warning' ? 'Warning' : 'Note'}: ${title}`}>
      <Icon aria-hidden="true" size={18} className="notice-icon" />
      <div className="notice-body">
        <strong>{tone === 'warning' ? 'Warning: ' : ''}{title}</strong>
        {children && <p>{children}</p>}
      </div>
      {actions && <div className="notice-actions">{actions}</div>}
    </section>
  );
}

export function EmptyState({ title, children, action }: { readonly title: string; readonly children?: ReactNode; readonly action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <p className="empty-text">{children}</p>}
      {action}
    </div>
  );
}
