// "Change port" for a server that could not start (port in use) or that should move: saves the
// new port and starts the server on it; the answer is the server's new state.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { Share, ShareProtocol } from '../../../src-shared/contract/index.js';
import { useBridge, useStore } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { TextInputField } from '../../components/fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { ErrorText } from '../../components/notices.js';
import { useAction } from '../../components/use-action.js';
import { parsePort } from './port-text.js';

export interface ChangePortDialogProps {
  readonly share: Share;
  readonly protocol: ShareProtocol;
  readonly isOpen: boolean;
  readonly onClose: () => void;
}

export function ChangePortDialog({ share, protocol, isOpen, onClose }: ChangePortDialogProps) {
  const bridge = useBridge();
  const store = useStore();
  const [text, setText] = useState(String(share[protocol].port === 0 ? '' : share[protocol].port + 1));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const action = useAction();
  const name = protocol.toUpperCase();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePort(text);
    if ('error' in parsed) {
      setFieldError(parsed.error);
      return;
    }
    setFieldError(undefined);
    const updated = await action.run(() => bridge.invoke('shares:update', { id: share.id, patch: { [protocol]: { port: parsed.port } } }));
    if (!updated) return;
    store.replaceShare(updated);
    const status = updated.status[protocol];
    // A server that was off stays off; one that failed is started again on the new port by the update.
    if (status.state === 'error') {
      action.setError(`Still not running: ${status.reason}. Try another port.`);
      return;
    }
    onClose();
  };

  return (
    <ModalDialog title={`Change the ${name} port of “${share.name}”`} isOpen={isOpen} onClose={onClose} dismissable={!action.busy}>
      <Form onSubmit={(e) => void submit(e)} className="form">
        <TextInputField
          label="Port"
          value={text}
          onChange={setText}
          error={fieldError}
          size={7}
          autoFocus
          description={`Clients connect to this port. Ports from 1024 up need no special rights; ${name === 'SFTP' ? '2022' : '2121'} is Wharf's usual one.`}
        />
        {action.error && <ErrorText>{action.error}</ErrorText>}
        <div className="dialog-actions">
          <Button onPress={onClose} isDisabled={action.busy}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Saving…' : 'Use this port'}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
