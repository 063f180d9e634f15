// The frame of every screen: a heading with one sentence on what the screen is for, the screen's
// main actions on the right, then its sections.
import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions }: { readonly title: string; readonly description?: ReactNode; readonly actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Section({ title, actions, children, className }: { readonly title?: string; readonly actions?: ReactNode; readonly children: ReactNode; readonly className?: string }) {
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} aria-label={title}>
      {(title || actions) && (
        <div className="panel-header">
          {title && <h2>{title}</h2>}
          {actions && <div className="panel-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
