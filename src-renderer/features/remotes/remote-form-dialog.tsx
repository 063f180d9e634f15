// Adds or changes a named SFTP remote: host, port, user, and a password or a private key file.
// Stored secrets never come back: on edit an empty box keeps what is stored.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { Remote } from '../../../src-shared/contract/index.js';
import { useBridge } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { TextInputField } from '../../components/fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { ErrorText } from '../../components/notices.js';
import { RadioCards } from '../../components/radio-cards.js';
import { useAction } from '../../components/use-action.js';
import { checkRemoteCreate, checkRemotePatch, remoteInitial } from './remote-form.js';
import type { RemoteErrors, RemoteFormValues } from './remote-form.js';

export function RemoteFormDialog({ remote, onClose }: { readonly remote?: Remote; readonly onClose: (saved: boolean) => void }) {
  const bridge = useBridge();
  const action = useAction();
  const [values, setValues] = useState<RemoteFormValues>(() => remoteInitial(remote));
  const [errors, setErrors] = useState<RemoteErrors>({});
  const set = <K extends keyof RemoteFormValues>(key: K) => (value: RemoteFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = remote ? checkRemotePatch(values, remote) : checkRemoteCreate(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const saved = remote
      ? await action.run(() => bridge.invoke('remotes:update', { name: remote.name, patch: checked.payload as never }))
      : await action.run(() => bridge.invoke('remotes:create', checked.payload as never));
    if (saved) onClose(true);
  };

  return (
    <ModalDialog title={remote ? `Edit remote “${remote.name}”` : 'Add a remote'} isOpen onClose={() => onClose(false)} wide dismissable={!action.busy}>
      <Form onSubmit={(e) => void submit(e)} className="form">
        {!remote && <TextInputField label="Name" value={values.name} onChange={set('name')} error={errors.name} autoFocus isRequired description="How shares refer to it, e.g. nas or backup-server." />}
        <div className="form-row">
          <TextInputField label="Host" value={values.host} onChange={set('host')} error={errors.host} mono isRequired placeholder="nas.local" className="grow" />
          <TextInputField label="Port" value={values.port} onChange={set('port')} error={errors.port} size={7} />
        </div>
        <TextInputField label="User on the remote" value={values.user} onChange={set('user')} error={errors.user} isRequired />
        <RadioCards
          label="Log in with"
          layout="row"
          value={values.auth}
          onChange={set('auth')}
          options={[{ value: 'password', label: 'A password' }, { value: 'key', label: 'A private key file' }]}
        />
        {values.auth === 'password' ? (
          <TextInputField
            label="Remote password"
            type="password"
            value={values.password}
            onChange={set('password')}
            error={errors.password}
            description={remote?.hasPassword ? 'A password is stored; leave empty to keep it.' : 'Stored encrypted; it is never shown again.'}
          />
        ) : (
          <div className="form-row">
            <TextInputField label="Private key file" value={values.keyFile} onChange={set('keyFile')} error={errors.keyFile} mono placeholder="/home/me/.ssh/id_ed25519" className="grow" />
            <TextInputField
              label="Key passphrase"
              type="password"
              value={values.keyPassphrase}
              onChange={set('keyPassphrase')}
              error={errors.keyPassphrase}
              description={remote?.hasKeyPassphrase ? 'Stored; leave empty to keep it.' : 'Only if the key has one.'}
            />
          </div>
        )}
        <TextInputField
          label="Known hosts file (optional)"
          value={values.knownHostsFile}
          onChange={set('knownHostsFile')}
          error={errors.knownHostsFile}
          mono
          description="Checks the remote's host key against this file, as ssh does."
        />
        {errors.form && <ErrorText>{errors.form}</ErrorText>}
        {action.error && <ErrorText>{action.error}</ErrorText>}
        <div className="dialog-actions">
          <Button onPress={() => onClose(false)} isDisabled={action.busy}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Saving…' : remote ? 'Save' : 'Add remote'}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
