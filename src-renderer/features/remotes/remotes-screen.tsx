// Named SFTP remotes a share can serve from: add, edit, remove, and "Test connection" with the
// answer in words next to the remote.
import { CheckCircle2, Plus, XCircle } from 'lucide-react';
import { useState } from 'react';
import type { Remote } from '../../../src-shared/contract/index.js';
import { useBridge, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { EmptyState, ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { RemoteFormDialog } from './remote-form-dialog.js';

export function RemotesScreen() {
  const remotes = useRequest('remotes:list', {});
  const [form, setForm] = useState<{ remote?: Remote } | undefined>();
  const add = <Button variant="primary" onPress={() => setForm({})}><Plus size={16} aria-hidden="true" /><span>Add remote…</span></Button>;
  return (
    <>
      <PageHeader title="Remotes" description="Other SFTP servers whose folders Wharf can share, through its cache." actions={add} />
      {remotes.error && <ErrorText>{remotes.error}</ErrorText>}
      {remotes.value && (
        <Section>
          {remotes.value.length === 0 ? (
            <EmptyState title="No remotes yet" action={add}>
              Add an SFTP server (a NAS, a VPS) to share one of its folders from here.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Remotes</caption>
                <thead>
                  <tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Logs in with</th><th scope="col">Connection</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
                </thead>
                <tbody>
                  {remotes.value.map((r) => <RemoteRow key={r.name} remote={r} onEdit={() => setForm({ remote: r })} onRemoved={remotes.reload} />)}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
      {form && (
        <RemoteFormDialog
          remote={form.remote}
          onClose={(saved) => {
            setForm(undefined);
            if (saved) remotes.reload();
          }}
        />
      )}
    </>
  );
}

function RemoteRow({ remote, onEdit, onRemoved }: { readonly remote: Remote; readonly onEdit: () => void; readonly onRemoved: () => void }) {
  const bridge = useBridge();
  const shares = useWharfState((s) => s.shares);
  const test = useAction();
  const remove = useAction();
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const [confirm, setConfirm] = useState(false);
  const usedBy = (shares ?? []).filter((s) => s.source.kind === 'remote' && s.source.remote === remote.name);

  const runTest = async () => {
    setResult(undefined);
    const answer = await test.run(() => bridge.invoke('remotes:test', { name: remote.name }));
    if (answer) setResult(answer);
  };
  const confirmRemove = async () => {
    if ((await remove.run(() => bridge.invoke('remotes:remove', { name: remote.name }))) === null) {
      setConfirm(false);
      onRemoved();
    }
  };

  return (
    <tr>
      <th scope="row" className="cell-name">{remote.name}</th>
      <td className="mono">{remote.user}@{remote.host}:{remote.port}</td>
      <td>{remote.keyFile ? `Key ${remote.keyFile}` : remote.hasPassword ? 'Password' : 'Nothing set'}</td>
      <td className="cell-test" aria-live="polite">
        {test.busy && <span className="muted">Connecting…</span>}
        {result && (
          <span className={result.ok ? 'ok-text' : 'warn-text'}>
            {result.ok ? <CheckCircle2 size={14} aria-hidden="true" /> : <XCircle size={14} aria-hidden="true" />}
            {result.ok ? 'OK' : 'Failed'}: {result.message}
          </span>
        )}
        {test.error && <ErrorText>{test.error}</ErrorText>}
      </td>
      <td className="cell-actions">
        <Button size="small" onPress={() => void runTest()} isDisabled={test.busy} aria-label={`Test connection to ${remote.name}`}>Test connection</Button>
        <Button size="small" variant="quiet" onPress={onEdit} aria-label={`Edit ${remote.name}`}>Edit</Button>
        <Button size="small" variant="quiet" onPress={() => setConfirm(true)} aria-label={`Remove ${remote.name}`}>Remove</Button>
        <ConfirmDialog
          title={`Remove remote “${remote.name}”?`}
          isOpen={confirm}
          confirmLabel="Remove remote"
          onConfirm={() => void confirmRemove()}
          onCancel={() => setConfirm(false)}
          busy={remove.busy}
          error={remove.error}
        >
          <p>
            {usedBy.length > 0
              ? `It is used by ${usedBy.map((s) => `“${s.name}”`).join(', ')}: change or remove those shares first.`
              : 'Its stored password or passphrase is deleted. Files on the remote are not touched.'}
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
