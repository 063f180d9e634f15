// "Share folder over SFTP": in Electron the native folder picker chooses the folder; in the
// headless web UI (no picker in a browser tab) a dialog asks for its path. Either way one request
// makes the share, its user and password, starts it, and the card with the password is kept on
// screen until dismissed.
import { FolderPlus } from 'lucide-react';
import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { useBridge, useStore, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { TextInputField } from '../../components/fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { ErrorText } from '../../components/notices.js';
import { useAction } from '../../components/use-action.js';

export interface QuickShare {
  /** Starts "Share folder over SFTP": the native picker in Electron, else the path dialog. */
  press(): void;
  readonly busy: boolean;
  /** The dialog and any error outside it; render once, at a place that stays mounted. */
  readonly element: ReactNode;
}

export function useQuickShare(): QuickShare {
  const bridge = useBridge();
  const store = useStore();
  const mode = useWharfState((s) => s.info?.mode);
  const [dialog, setDialog] = useState(false);
  const action = useAction();

  const share = async (path: string): Promise<boolean> => {
    const card = await action.run(() => bridge.invoke('shares:quick-sftp', { path }));
    if (!card) return false;
    store.addFreshCard(card);
    void store.refreshShares();
    return true;
  };

  const press = async () => {
    action.setError(undefined);
    if (mode !== 'electron') {
      setDialog(true);
      return;
    }
    // Without a native picker (or when it fails) the dialog asks for the path instead.
    const picked = await bridge.invoke('dialog:pick-folder', {});
    if (!picked.ok) {
      setDialog(true);
      return;
    }
    if (picked.value.path !== null) await share(picked.value.path);
  };

  const element = (
    <>
      {!dialog && action.error && <ErrorText>{action.error}</ErrorText>}
      <QuickShareDialog
        isOpen={dialog}
        busy={action.busy}
        error={action.error}
        onClose={() => {
          setDialog(false);
          action.setError(undefined);
        }}
        onShare={async (path) => {
          if (await share(path)) setDialog(false);
        }}
      />
    </>
  );
  return { press: () => void press(), busy: action.busy, element };
}

export function QuickShareButton({ quick, size = 'normal' }: { readonly quick: QuickShare; readonly size?: 'normal' | 'large' }) {
  return (
    <Button variant="primary" size={size} onPress={quick.press} isDisabled={quick.busy}>
      <FolderPlus size={size === 'large' ? 20 : 16} aria-hidden="true" />
      <span>Share folder over SFTP</span>
    </Button>
  );
}

interface DialogProps {
  readonly isOpen: boolean;
  readonly busy: boolean;
  readonly error: string | undefined;
  readonly onClose: () => void;
  readonly onShare: (path: string) => Promise<void>;
}

function QuickShareDialog({ isOpen, busy, error, onClose, onShare }: DialogProps) {
  const [path, setPath] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() !== '' && !busy) void onShare(path.trim());
  };
  return (
    <ModalDialog title="Share folder over SFTP" isOpen={isOpen} onClose={onClose} dismissable={!busy}>
      <Form onSubmit={submit} className="form">
        <TextInputField
          label="Folder path"
          value={path}
          onChange={setPath}
          inputRef={input}
          placeholder="/home/me/Public"
          description="The folder on this computer to share. Wharf makes a user with a new password for it."
          mono
          autoFocus
          isRequired
        />
        {error && <ErrorText>{error}</ErrorText>}
        <div className="dialog-actions">
          <Button onPress={onClose} isDisabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={busy || path.trim() === ''}>{busy ? 'Sharing…' : 'Share'}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
