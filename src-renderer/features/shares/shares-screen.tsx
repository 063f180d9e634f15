// Home: the shares with their servers and connection cards, the safety banners, and the
// "Share folder over SFTP" button. On first run there is only one sentence and that button.
import { FolderInput } from 'lucide-react';
import { useState } from 'react';
import { useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { PageHeader } from '../../components/page.js';
import { SafetyBanners } from '../safety/safety-banners.js';
import { QuickShareButton, useQuickShare } from './quick-share.js';
import type { QuickShare } from './quick-share.js';
import { ShareCard } from './share-card.js';
import { ShareFormDialog } from './share-form-dialog.js';

export function SharesScreen() {
  const [adding, setAdding] = useState(false);
  const quick = useQuickShare();
  // The quick-share dialog stays at one place in the tree: the first share appears while it runs.
  return (
    <>
      <SharesContent quick={quick} adding={adding} setAdding={setAdding} />
      {quick.element}
    </>
  );
}

interface ContentProps {
  readonly quick: QuickShare;
  readonly adding: boolean;
  readonly setAdding: (adding: boolean) => void;
}

function SharesContent({ quick, adding, setAdding }: ContentProps) {
  const shares = useWharfState((s) => s.shares);
  const fresh = useWharfState((s) => s.freshCards);
  if (shares === undefined) return <p className="muted loading">Loading shares…</p>;
  if (shares.length === 0) {
    return (
      <div className="first-run">
        <h1 className="visually-hidden">Shares</h1>
        <p className="first-run-text">Share a folder and Wharf gives you an address and a password to open it from any SFTP client.</p>
        <QuickShareButton quick={quick} size="large" />
      </div>
    );
  }
  return (
    <>
      <PageHeader
        title="Shares"
        description="Folders this computer serves, and how to reach each one."
        actions={
          <>
            <Button onPress={() => setAdding(true)}>
              <FolderInput size={16} aria-hidden="true" /><span>New share…</span>
            </Button>
            <QuickShareButton quick={quick} />
          </>
        }
      />
      <SafetyBanners shares={shares} />
      <div className="share-list">
        {shares.map((s) => (
          <ShareCard key={s.id} share={s} fresh={fresh.filter((c) => c.shareId === s.id)} />
        ))}
      </div>
      {adding && <ShareFormDialog isOpen={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
