// One share: its name and source, a row per protocol (switch, state, way out of errors), the
// connection card of each running server, and Edit / Remove.
import { Cloud, Folder, Lock, Pencil, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import type { ConnectionCard, Share, ShareProtocol } from '../../../src-shared/contract/index.js';
import { PROTOCOLS } from '../../../src-shared/contract/index.js';
import { useBridge, useStore } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorText } from '../../components/notices.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { ConnectionCardView } from './connection-card.js';
import { ServerRow } from './server-row.js';
import { ShareFormDialog } from './share-form-dialog.js';

export function ShareCard({ share, fresh }: { readonly share: Share; readonly fresh: readonly ConnectionCard[] }) {
  const bridge = useBridge();
  const store = useStore();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useAction();
  const source = share.source;

  const confirmRemove = async () => {
    const done = await remove.run(() => bridge.invoke('shares:remove', { id: share.id }));
    if (done === null) {
      setRemoving(false);
      for (const p of PROTOCOLS) store.dismissFreshCard(share.id, p);
      void store.refreshShares();
    }
  };

  return (
    <article className="share-card" aria-labelledby={titleId}>
      <header className="share-header">
        <div className="share-title">
          {source.kind === 'local' ? <Folder size={20} aria-hidden="true" /> : <Cloud size={20} aria-hidden="true" />}
          <div>
            <h2 id={titleId}>{share.name}</h2>
            <p className="share-source mono" title={source.kind === 'local' ? source.path : `${source.remote}:${source.path}`}>
              {source.kind === 'local' ? source.path : `${source.remote}:${source.path || '(login folder)'}`}
            </p>
          </div>
        </div>
        <div className="share-tags">
          {share.readOnly && <span className="tag"><Lock size={12} aria-hidden="true" />Read-only</span>}
          <span className="tag">{share.authProxy !== null ? 'Auth proxy' : share.userCount === 1 ? '1 user' : `${share.userCount} users`}</span>
        </div>
        <div className="share-buttons">
          <Button size="small" variant="quiet" onPress={() => setEditing(true)} aria-label={`Edit ${share.name}`}>
            <Pencil size={14} aria-hidden="true" /><span>Edit</span>
          </Button>
          <Button size="small" variant="quiet" onPress={() => setRemoving(true)} aria-label={`Remove ${share.name}`}>
            <Trash2 size={14} aria-hidden="true" /><span>Remove</span>
          </Button>
        </div>
      </header>
      <div className="server-rows">
        {PROTOCOLS.map((p) => <ServerRow key={p} share={share} protocol={p} />)}
      </div>
      {PROTOCOLS.map((p) => (
        <CardSlot key={p} share={share} protocol={p} fresh={fresh.find((c) => c.protocol === p)} />
      ))}
      {editing && <ShareFormDialog share={share} isOpen={editing} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        title={`Remove “${share.name}”?`}
        isOpen={removing}
        confirmLabel="Remove share"
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(false)}
        busy={remove.busy}
        error={remove.error}
      >
        <p>Its servers stop and everyone connected is disconnected; its users and keys are deleted. The folder and its files are not touched.</p>
      </ConfirmDialog>
    </article>
  );
}

/** The card of one running server: the fresh one with its password when there is one. */
function CardSlot({ share, protocol, fresh }: { readonly share: Share; readonly protocol: ShareProtocol; readonly fresh: ConnectionCard | undefined }) {
  const store = useStore();
  const status = share.status[protocol];
  const running = status.state === 'running';
  // Re-read when the server restarts (new port or addresses) or the users change.
  const key = running ? `${status.port}:${status.since}:${share.userCount}` : 'off';
  const card = useRequest('shares:card', running && !fresh ? { id: share.id, protocol } : null, key);
  if (!running) return null;
  if (fresh) return <ConnectionCardView card={fresh} onDone={() => store.dismissFreshCard(share.id, protocol)} />;
  if (card.error) return <ErrorText>{card.error}</ErrorText>;
  return card.value ? <ConnectionCardView card={card.value} /> : null;
}
