// One protocol of a share: a switch that starts or stops it, its state in words (Stopped,
// Starting…, Running on :2022, Error: …), where it listens, and the way out of an error ("Change
// port" when the port is taken, "Try again" otherwise). Stopping a server people are connected to
// asks first, because their sessions end.
import { useState } from 'react';
import type { Share, ShareProtocol } from '../../../src-shared/contract/index.js';
import { useBridge, useStore, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { SwitchField } from '../../components/fields.js';
import { ErrorText } from '../../components/notices.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useAction } from '../../components/use-action.js';
import { ChangePortDialog } from './change-port-dialog.js';

export function ServerRow({ share, protocol }: { readonly share: Share; readonly protocol: ShareProtocol }) {
  const bridge = useBridge();
  const store = useStore();
  const sessions = useWharfState((s) => s.stats?.sessions);
  const action = useAction();
  const [confirmStop, setConfirmStop] = useState(false);
  const [portDialog, setPortDialog] = useState(false);
  const status = share.status[protocol];
  const settings = share[protocol];
  const name = protocol.toUpperCase();
  const connected = (sessions ?? []).filter((s) => s.shareId === share.id && s.protocol === protocol).length;
  const on = settings.enabled || status.state === 'running' || status.state === 'starting';

  const start = async () => {
    await action.run(() => bridge.invoke('shares:start', { id: share.id, protocol }));
    void store.refreshShares();
  };
  const stop = async () => {
    const done = await action.run(() => bridge.invoke('shares:stop', { id: share.id, protocol }));
    if (done) setConfirmStop(false);
    void store.refreshShares();
  };
  const toggle = (next: boolean) => {
    if (next) void start();
    else if (connected > 0) setConfirmStop(true);
    else void stop();
  };

  return (
    <div className={`server-row server-${status.state}`}>
      <SwitchField isSelected={on} onChange={toggle} isReadOnly={action.busy || status.state === 'starting'} aria-label={`${name} server of ${share.name}`}>
        <span className="server-name">{name}</span>
      </SwitchField>
      <StatusBadge status={status} />
      <span className="server-bind">{settings.bind === 'network' ? 'On your network' : 'This computer only'}</span>
      <span className="server-actions">
        {status.state === 'error' && (
          <>
            <Button size="small" variant={/in use|address/i.test(status.reason) ? 'primary' : 'secondary'} onPress={() => setPortDialog(true)}>Change port</Button>
            <Button size="small" onPress={() => void start()} isDisabled={action.busy}>Try again</Button>
          </>
        )}
        {status.state === 'running' && connected > 0 && (
          <span className="muted num">{connected === 1 ? '1 connected' : `${connected} connected`}</span>
        )}
      </span>
      {action.error && !confirmStop && <div className="server-error"><ErrorText>{action.error}</ErrorText></div>}
      <ConfirmDialog
        title={`Stop ${name} for “${share.name}”?`}
        isOpen={confirmStop}
        confirmLabel={`Stop ${name}`}
        onConfirm={() => void stop()}
        onCancel={() => setConfirmStop(false)}
        busy={action.busy}
        error={action.error}
      >
        <p>{connected === 1 ? 'One person is connected' : `${connected} people are connected`}; their sessions end now and transfers in progress stop.</p>
      </ConfirmDialog>
      {portDialog && <ChangePortDialog share={share} protocol={protocol} isOpen={portDialog} onClose={() => setPortDialog(false)} />}
    </div>
  );
}
