// A modal dialog: focus moves in and is trapped, Escape and the Cancel button close it, focus
// returns to the control that opened it (React Aria's Modal and Dialog).
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ReactNode } from 'react';

export interface ModalDialogProps {
  readonly title: string;
  readonly isOpen: boolean;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Wider dialogs for forms with two columns or long text. */
  readonly wide?: boolean;
  /** Alert dialogs (confirmations) are announced as such. */
  readonly role?: 'dialog' | 'alertdialog';
  /** False while a request runs, so a click outside cannot drop its answer. */
  readonly dismissable?: boolean;
}

export function ModalDialog({ title, isOpen, onClose, children, wide, role = 'dialog', dismissable = true }: ModalDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      isDismissable={dismissable}
      isKeyboardDismissDisabled={!dismissable}
    >
      <Modal className={wide ? 'modal modal-wide' : 'modal'}>
        <Dialog className="dialog" role={role}>
          <Heading slot="title" className="dialog-title">{title}</Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
