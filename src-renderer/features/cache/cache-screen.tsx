// A share's file cache: the mode (one sentence each on what it allows), space used against the
// limit, uploads still pending, where the cache lives, Clear cache (after a confirmation), and the
// other VFS options under "Advanced" with their defaults.
import { ChevronRight, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button as AriaButton, Disclosure, DisclosurePanel, Heading, Label, Meter } from 'react-aria-components';
import type { CacheInfo, Share } from '../../../src-shared/contract/index.js';
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import { CACHE_MODES, isCacheMode } from '../../../src-shared/cache-mode.js';
import { useChosenShare } from '../../app/use-chosen-share.js';
import { useBridge, useStore, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { formatBytes } from '../../components/format.js';
import { EmptyState, ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { RadioCards } from '../../components/radio-cards.js';
import { SharePicker } from '../../components/share-picker.js';
import { useAction } from '../../components/use-action.js';
import { AdvancedVfsForm } from './advanced-vfs-form.js';
import { CACHE_MODE_TEXT } from './cache-modes.js';

export function CacheScreen() {
  const { shares, share, choose } = useChosenShare();
  const cache = useWharfState((s) => s.stats?.cache);
  const header = <PageHeader title="Cache" description="How much of each share's files Wharf keeps on this disk, and what that lets clients do." />;
  if (shares !== undefined && shares.length === 0) {
    return <>{header}<EmptyState title="No shares yet">Share a folder first (Shares); each share has its own cache.</EmptyState></>;
  }
  return (
    <>
      {header}
      {shares && <div className="toolbar"><SharePicker shares={shares} value={share?.id} onChange={choose} /></div>}
      {share && <ShareCache key={share.id} share={share} info={cache?.find((c) => c.shareId === share.id)} />}
    </>
  );
}

function ShareCache({ share, info }: { readonly share: Share; readonly info: CacheInfo | undefined }) {
  const bridge = useBridge();
  const store = useStore();
  const sessions = useWharfState((s) => s.stats?.sessions);
  const settings = useWharfState((s) => s.settings);
  const appInfo = useWharfState((s) => s.info);
  const modeAction = useAction();
  const [pendingMode, setPendingMode] = useState<CacheMode | undefined>();
  const stored = share.vfs['vfs-cache-mode'] ?? 'off';
  const mode: CacheMode = isCacheMode(stored) ? stored : 'off';
  const connected = (sessions ?? []).filter((s) => s.shareId === share.id).length;
  const caseDefault = settings ? (settings.caseInsensitive ?? appInfo?.caseInsensitiveDefault) : undefined;

  const applyMode = async (next: CacheMode) => {
    const updated = await modeAction.run(() => bridge.invoke('shares:update', { id: share.id, patch: { vfs: { ...share.vfs, 'vfs-cache-mode': next } } }));
    setPendingMode(undefined);
    if (updated) store.replaceShare(updated);
  };
  const choose = (next: CacheMode) => {
    if (next === mode) return;
    if (connected > 0) setPendingMode(next);
    else void applyMode(next);
  };

  return (
    <>
      <Section title="Cache mode">
        <RadioCards
          label={`Cache mode of “${share.name}”`}
          value={pendingMode ?? mode}
          onChange={choose}
          isDisabled={modeAction.busy}
          description="Changing it restarts this share's servers; connected clients reconnect."
          options={CACHE_MODES.map((m) => ({ value: m, label: CACHE_MODE_TEXT[m].label, description: CACHE_MODE_TEXT[m].text }))}
        />
        {modeAction.busy && <p className="muted" role="status">Applying…</p>}
        {modeAction.error && <ErrorText>{modeAction.error}</ErrorText>}
        <ConfirmDialog
          title={`Switch “${share.name}” to ${pendingMode ? CACHE_MODE_TEXT[pendingMode].label : ''}?`}
          isOpen={pendingMode !== undefined}
          confirmLabel="Switch and restart"
          danger={false}
          onConfirm={() => pendingMode && void applyMode(pendingMode)}
          onCancel={() => setPendingMode(undefined)}
          busy={modeAction.busy}
        >
          <p>{connected === 1 ? 'One client is' : `${connected} clients are`} connected: the share's servers restart, so they are disconnected and must reconnect.</p>
        </ConfirmDialog>
      </Section>
      <Section title="Space and uploads">
        <CacheUsage share={share} info={info} />
      </Section>
      <Disclosure className="panel disclosure">
        <Heading className="disclosure-heading">
          <AriaButton slot="trigger" className="disclosure-trigger">
            <ChevronRight size={16} aria-hidden="true" className="disclosure-chevron" />
            Advanced VFS options
          </AriaButton>
        </Heading>
        <DisclosurePanel className="disclosure-panel">
          <AdvancedVfsForm share={share} caseDefault={caseDefault} />
        </DisclosurePanel>
      </Disclosure>
    </>
  );
}

function CacheUsage({ share, info }: { readonly share: Share; readonly info: CacheInfo | undefined }) {
  const bridge = useBridge();
  const clear = useAction();
  const [confirm, setConfirm] = useState(false);
  const [cleared, setCleared] = useState(false);
  const used = info?.bytesUsed ?? null;
  const limit = info?.limit ?? null;
  const location = share.vfs['cache-dir'];

  const runClear = async () => {
    setCleared(false);
    const result = await bridge.invoke('cache:clear', { shareId: share.id });
    setConfirm(false);
    if (result.ok) setCleared(true);
    else clear.setError(result.error.message);
  };

  return (
    <div className="cache-usage">
      {used === null ? (
        <p className="muted">{share.status.sftp.state === 'running' || share.status.ftp.state === 'running' ? 'This mode keeps no files on disk for this share.' : 'Start the share to see its cache.'}</p>
      ) : (
        <Meter className="meter" value={limit === null ? 0 : Math.min(used, limit)} maxValue={limit ?? 1} valueLabel={limit === null ? `${formatBytes(used)} used, no limit` : `${formatBytes(used)} of ${formatBytes(limit)}`}>
          {({ percentage, valueText }) => (
            <>
              <div className="meter-head">
                <Label>Space used</Label>
                <span className="num">{valueText}</span>
              </div>
              {limit !== null && <div className="bar"><div className="bar-fill" style={{ width: `${percentage}%` }} /></div>}
            </>
          )}
        </Meter>
      )}
      <dl className="facts">
        <dt>Files in cache</dt>
        <dd className="num">{info?.files ?? 0}</dd>
        <dt>Uploads pending</dt>
        <dd className="num">{info?.uploadsPending ?? 0}{(info?.uploadsPending ?? 0) > 0 ? ' (kept until uploaded)' : ''}</dd>
        <dt>Limit</dt>
        <dd>{limit === null ? 'None (set “Cache max size” under Advanced)' : formatBytes(limit)}</dd>
        <dt>Location</dt>
        <dd className="mono">{location ?? "Wharf's own cache folder (the default)"}</dd>
      </dl>
      <div className="form-actions">
        <Button variant="danger" onPress={() => { clear.setError(undefined); setConfirm(true); }}>
          <Trash2 size={16} aria-hidden="true" /><span>Clear cache…</span>
        </Button>
        {cleared && <span role="status" className="ok-text">Cache cleared</span>}
      </div>
      {clear.error && <ErrorText>{clear.error}</ErrorText>}
      <ConfirmDialog
        title={`Clear the cache of “${share.name}”?`}
        isOpen={confirm}
        confirmLabel="Clear cache"
        onConfirm={() => void runClear()}
        onCancel={() => setConfirm(false)}
      >
        <p>Cached copies are deleted from this disk and read again from the source when needed. Files still waiting to upload ({info?.uploadsPending ?? 0}) are kept.</p>
      </ConfirmDialog>
    </div>
  );
}
