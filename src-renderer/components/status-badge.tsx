// The state of one server in words with a matching shape: a filled dot for running, a ring for
// stopped, a spinner for starting, a triangle for an error. Colour only repeats what these say.
import { AlertTriangle, Circle, CircleDot, Loader2 } from 'lucide-react';
import type { ServerStatus } from '../../src-shared/contract/index.js';
import { assertNever } from '../../src-shared/assert-never.js';

export function describeStatus(status: ServerStatus): string {
  switch (status.state) {
    case 'stopped':
      return 'Stopped';
    case 'starting':
      return 'Starting…';
    case 'running':
      return `Running on :${status.port}`;
    case 'error':
      return `Error: ${status.reason}`;
    default:
      return assertNever(status, 'server state');
  }
}

export function StatusBadge({ status }: { readonly status: ServerStatus }) {
  const icon = (() => {
    switch (status.state) {
      case 'stopped':
        return <Circle size={14} aria-hidden="true" />;
      case 'starting':
        return <Loader2 size={14} aria-hidden="true" className="spin" />;
      case 'running':
        return <CircleDot size={14} aria-hidden="true" />;
      case 'error':
        return <AlertTriangle size={14} aria-hidden="true" />;
      default:
        return assertNever(status, 'server state');
    }
  })();
  return (
    <span className={`status status-${status.state}`}>
      {icon}
      <span className="status-text">{describeStatus(status)}</span>
    </span>
  );
}
