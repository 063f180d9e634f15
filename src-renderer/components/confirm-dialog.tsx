// Asks before something that cannot be undone or that ends people's sessions. The text says what
// will happen; the confirming button names the action ("Disable bob", not "OK").
import type { ReactNode } from 'react';
import { Button } from './button.js';
import { ErrorText } from './notices.js';
import { ModalDialog } from './modal-dialog.js';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly isOpen: boolean;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  readonly error?: string | undefined;
  readonly danger?: boolean;
}

export function ConfirmDialog({ title, isOpen, children, confirmLabel, onConfirm, onCancel, busy, error, danger = true }: ConfirmDialogProps) {
  return (
    <ModalDialog title={title} isOpen={isOpen} onClose={onCancel} role="alertdialog" dismissable={!busy}>
      <div className="dialog-body">{children}</div>
      {error && <ErrorText>{error}</ErrorText>}
      <div className="dialog-actions">
        <Button onPress={onCancel} isDisabled={busy}>Cancel</Button>
        <Button variant={danger ? 'danger' : 'primary'} onPress={onConfirm} isDisabled={busy} autoFocus>
          {busy ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}
