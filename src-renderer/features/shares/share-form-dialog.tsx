// Add a share with every setting, or change one: name, a local folder or a folder on a named
// remote, SFTP and FTP each with port and where it listens, read-only, and an optional auth proxy.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { BindMode, Share } from '../../../src-shared/contract/index.js';
import { useBridge, useStore, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { CheckboxField, SwitchField, TextInputField } from '../../components/fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { ErrorText, Notice } from '../../components/notices.js';
import { SecretField } from '../../components/secret-field.js';
import { RadioCards } from '../../components/radio-cards.js';
import { SelectField } from '../../components/select-field.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { createShare } from './create-share.js';
import type { CreatedShare } from './create-share.js';
import { checkCreate, checkPatch, initialValues } from './share-form.js';
import type { FieldErrors, ShareFormValues } from './share-form.js';

const BIND_ITEMS = [
  { id: 'localhost', label: 'This computer only' },
  { id: 'network', label: 'My network' },
] as const;

export interface ShareFormDialogProps {
  /** The share to change; undefined to add a new one. */
  readonly share?: Share;
  readonly isOpen: boolean;
  readonly onClose: () => void;
}

export function ShareFormDialog({ share, isOpen, onClose }: ShareFormDialogProps) {
  const bridge = useBridge();
  const store = useStore();
  const defaultBind = useWharfState((s) => s.settings?.defaultBind ?? 'localhost');
  const remotes = useRequest('remotes:list', isOpen ? {} : null);
  const [values, setValues] = useState<ShareFormValues>(() => initialValues(share, defaultBind));
  const [errors, setErrors] = useState<FieldErrors>({});
  const action = useAction();
  const set = <K extends keyof ShareFormValues>(key: K) => (value: ShareFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const [outcome, setOutcome] = useState<CreatedShare | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (share) {
      const checked = checkPatch(values);
      if (!checked.ok) return setErrors(checked.errors);
      setErrors({});
      const saved = await action.run(() => bridge.invoke('shares:update', { id: share.id, patch: checked.payload }));
      if (!saved) return;
      store.replaceShare(saved);
      onClose();
      return;
    }
    const checked = checkCreate(values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const created = await createShare(bridge, action.run, checked.payload, values.userName);
    void store.refreshShares();
    if (!created) return;
    store.replaceShare(created.share);
    if (created.card && created.card.password !== null) {
      store.addFreshCard(created.card);
      onClose();
    } else if (created.password !== null || created.failed.length > 0) {
      setOutcome(created);
    } else {
      onClose();
    }
  };

  if (outcome) return <CreatedDialog outcome={outcome} onClose={onClose} />;

  const protocolFields = (p: 'sftp' | 'ftp') => {
    const enabled = p === 'sftp' ? values.sftpEnabled : values.ftpEnabled;
    const label = p.toUpperCase();
    return (
      <fieldset className="fieldset">
        <legend>{label}</legend>
        {!share && (
          <SwitchField isSelected={enabled} onChange={set(p === 'sftp' ? 'sftpEnabled' : 'ftpEnabled')}>
            Start {label} now
          </SwitchField>
        )}
        <TextInputField
          label={`${label} port`}
          value={p === 'sftp' ? values.sftpPort : values.ftpPort}
          onChange={set(p === 'sftp' ? 'sftpPort' : 'ftpPort')}
          error={p === 'sftp' ? errors.sftpPort : errors.ftpPort}
          size={7}
        />
        <SelectField
          label={`${label} listens on`}
          items={BIND_ITEMS}
          value={p === 'sftp' ? values.sftpBind : values.ftpBind}
          onChange={(v) => set(p === 'sftp' ? 'sftpBind' : 'ftpBind')(v as BindMode)}
        />
        {p === 'ftp' && <p className="field-description">FTP is not encrypted: prefer SFTP.</p>}
      </fieldset>
    );
  };

  const remoteItems = (remotes.value ?? []).map((r) => ({ id: r.name, label: `${r.name} (${r.user}@${r.host})` }));

  return (
    <ModalDialog title={share ? `Edit “${share.name}”` : 'New share'} isOpen={isOpen} onClose={onClose} wide dismissable={!action.busy}>
      <Form onSubmit={(e) => void submit(e)} className="form">
        <TextInputField label="Name" value={values.name} onChange={set('name')} error={errors.name} autoFocus isRequired description="Shown in the list, the tray and on connection cards." />
        <RadioCards
          label="Source"
          layout="row"
          value={values.sourceKind}
          onChange={set('sourceKind')}
          options={[
            { value: 'local', label: 'Folder on this computer' },
            { value: 'remote', label: 'Folder on a remote', description: remoteItems.length === 0 ? 'Add a remote first (Remotes)' : undefined },
          ]}
        />
        {values.sourceKind === 'local' ? (
          <TextInputField label="Folder path" value={values.folder} onChange={set('folder')} error={errors.folder} mono placeholder="/home/me/Public" />
        ) : (
          <div className="form-row">
            <SelectField label="Remote" items={remoteItems} value={values.remote || undefined} onChange={set('remote')} error={errors.remote} placeholder="Choose a remote" />
            <TextInputField label="Folder on the remote" value={values.remotePath} onChange={set('remotePath')} error={errors.remotePath} mono description="Empty: the remote's login folder." />
          </div>
        )}
        <div className="form-row">
          {protocolFields('sftp')}
          {protocolFields('ftp')}
        </div>
        {!share && values.authProxy.trim() === '' && (
          <TextInputField
            label="First user"
            value={values.userName}
            onChange={set('userName')}
            error={errors.userName}
            description="Gets a generated password, shown once when the share is added. Add more under Users."
          />
        )}
        <CheckboxField isSelected={values.readOnly} onChange={set('readOnly')} description="Nobody can change, add or delete files, whatever their own setting.">
          Read-only share
        </CheckboxField>
        <TextInputField
          label="Auth proxy program (optional)"
          value={values.authProxy}
          onChange={set('authProxy')}
          error={errors.authProxy}
          mono
          description="A program that decides each login instead of this share's users, as rclone's --auth-proxy."
        />
        {errors.form && <ErrorText>{errors.form}</ErrorText>}
        {action.error && <ErrorText>{action.error}</ErrorText>}
        <div className="dialog-actions">
          <Button onPress={onClose} isDisabled={action.busy}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Saving…' : share ? 'Save' : 'Add share'}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}

/** After adding: why a server did not start, and the first user's password (shown this once). */
function CreatedDialog({ outcome, onClose }: { readonly outcome: CreatedShare; readonly onClose: () => void }) {
  return (
    <ModalDialog title={`“${outcome.share.name}” was added`} isOpen onClose={onClose} dismissable={false}>
      {outcome.failed.map((f) => (
        <Notice key={f.protocol} tone="warning" title={`${f.protocol.toUpperCase()} is not running`}>
          {f.reason}. Fix it from the share's card (Change port, Try again).
        </Notice>
      ))}
      {outcome.password !== null && (
        <>
          <p>User <strong>{outcome.user}</strong> can log in with this password:</p>
          <SecretField value={outcome.password} />
          <p className="field-description">Shown only now: copy it or note it down.</p>
        </>
      )}
      <div className="dialog-actions">
        <Button variant="primary" onPress={onClose}>Done</Button>
      </div>
    </ModalDialog>
  );
}
