// A generated password, shown this once in a field labelled "Password" (hidden until Show) with
// Copy. Wharf keeps only its hash, so closing this dialog is the last chance to note it.
import { Button } from '../../components/button.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { SecretField } from '../../components/secret-field.js';

export function PasswordOnceDialog({ user, password, onClose }: { readonly user: string; readonly password: string | undefined; readonly onClose: () => void }) {
  return (
    <ModalDialog title={`Password for “${user}”`} isOpen={password !== undefined} onClose={onClose} dismissable={false}>
      {password !== undefined && <SecretField value={password} />}
      <p className="field-description">Shown only now: Wharf keeps just a hash of it. Copy it or note it down, then give it to {user}.</p>
      <div className="dialog-actions">
        <Button variant="primary" onPress={onClose}>Done</Button>
      </div>
    </ModalDialog>
  );
}
