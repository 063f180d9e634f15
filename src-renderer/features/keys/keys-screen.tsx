// Public keys of a share's users: paste one or many OpenSSH public keys or import a file
// (authorized_keys or .pub); each key shows its type, comment and fingerprint; lines that cannot
// be used are listed inline with the reason and left in the box to fix.
import { FileUp, KeyRound, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FileTrigger, Form } from 'react-aria-components';
import type { AuthorizedKeyInfo, Share, User } from '../../../src-shared/contract/index.js';
import { MAX_KEY_TEXT } from '../../../src-shared/contract/index.js';
import { useChosenShare } from '../../app/use-chosen-share.js';
import { useBridge } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { TextAreaField } from '../../components/fields.js';
import { EmptyState, ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { SelectField } from '../../components/select-field.js';
import { SharePicker } from '../../components/share-picker.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { rejectedLines, remainingText } from './key-lines.js';
import type { RejectedLine } from './key-lines.js';

export function KeysScreen() {
  const { shares, share, choose } = useChosenShare();
  const users = useRequest('users:list', share ? { shareId: share.id } : null, shares);
  const [chosenUser, setChosenUser] = useState<string | undefined>();
  const user = users.value?.find((u) => u.name === chosenUser) ?? users.value?.[0];

  const header = <PageHeader title="Keys" description="Public keys let a user log in without a password: the private half stays on their computer." />;
  if (shares !== undefined && shares.length === 0) {
    return <>{header}<EmptyState title="No shares yet">Share a folder first (Shares), then add a user and their keys.</EmptyState></>;
  }
  return (
    <>
      {header}
      <div className="toolbar">
        {shares && <SharePicker shares={shares} value={share?.id} onChange={choose} />}
        {users.value && users.value.length > 0 && (
          <SelectField label="User" items={users.value.map((u) => ({ id: u.name, label: u.name }))} value={user?.name} onChange={setChosenUser} />
        )}
      </div>
      {users.error && <ErrorText>{users.error}</ErrorText>}
      {share && users.value?.length === 0 && (
        <EmptyState title="No users yet">Add a user to “{share.name}” under Users; keys belong to a user.</EmptyState>
      )}
      {share && user && (
        <>
          <Section title={`Keys of ${user.name}`}>
            <KeyList share={share} user={user} onChanged={users.reload} />
          </Section>
          <Section title="Add keys">
            <KeyImportForm key={`${share.id}/${user.name}`} share={share} user={user} onAdded={users.reload} />
          </Section>
        </>
      )}
    </>
  );
}

function KeyList({ share, user, onChanged }: { readonly share: Share; readonly user: User; readonly onChanged: () => void }) {
  if (user.keys.length === 0) {
    return <EmptyState title="No keys yet">Paste a public key below (the contents of a file such as id_ed25519.pub).</EmptyState>;
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Keys of {user.name}</caption>
        <thead>
          <tr><th scope="col">Type</th><th scope="col">Comment</th><th scope="col">Fingerprint</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {user.keys.map((k) => <KeyRow key={k.fingerprint} share={share} user={user} info={k} onChanged={onChanged} />)}
        </tbody>
      </table>
    </div>
  );
}

function KeyRow({ share, user, info, onChanged }: { readonly share: Share; readonly user: User; readonly info: AuthorizedKeyInfo; readonly onChanged: () => void }) {
  const bridge = useBridge();
  const action = useAction();
  const remove = async () => {
    const done = await action.run(() => bridge.invoke('keys:remove', { shareId: share.id, name: user.name, fingerprint: info.fingerprint }));
    if (done === null) onChanged();
  };
  return (
    <tr>
      <td className="mono">{info.type}</td>
      <td className="cell-comment">{info.comment || <span className="muted">(no comment)</span>}</td>
      <td><code className="fingerprint">{info.fingerprint}</code></td>
      <td className="cell-actions">
        <Button size="small" variant="quiet" onPress={() => void remove()} isDisabled={action.busy} aria-label={`Remove key ${info.comment || info.fingerprint}`}>
          <Trash2 size={14} aria-hidden="true" /><span>Remove</span>
        </Button>
        {action.error && <ErrorText>{action.error}</ErrorText>}
      </td>
    </tr>
  );
}

function KeyImportForm({ share, user, onAdded }: { readonly share: Share; readonly user: User; readonly onAdded: () => void }) {
  const bridge = useBridge();
  const action = useAction();
  const [text, setText] = useState('');
  const [added, setAdded] = useState<readonly AuthorizedKeyInfo[]>([]);
  const [rejected, setRejected] = useState<readonly RejectedLine[]>([]);

  const importFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    if (file.size > MAX_KEY_TEXT) {
      action.setError(`${file.name} is larger than ${MAX_KEY_TEXT / 1024} KiB: choose a public key file (.pub) or an authorized_keys file`);
      return;
    }
    const content = await file.text();
    setText((t) => (t.trim() === '' ? content : `${t.replace(/\s*$/, '')}\n${content}`));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      action.setError('Paste at least one public key, or import a file');
      return;
    }
    const result = await action.run(() => bridge.invoke('keys:add', { shareId: share.id, name: user.name, text }));
    if (!result) return;
    const bad = rejectedLines(text, result);
    setAdded(result.added);
    setRejected(bad);
    setText(remainingText(text, bad));
    if (result.added.length > 0) onAdded();
  };

  return (
    <Form onSubmit={(e) => void submit(e)} className="form">
      <TextAreaField
        label="Public keys"
        value={text}
        onChange={setText}
        mono
        rows={5}
        placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… me@laptop"
        description="One key per line, as in a .pub or authorized_keys file. Never paste a private key."
        error={rejected.length > 0 ? `${rejected.length === 1 ? 'One line was' : `${rejected.length} lines were`} not added; see below.` : undefined}
      />
      {rejected.length > 0 && (
        <ul className="rejected-lines" aria-label="Lines not added">
          {rejected.map((r) => (
            <li key={`${r.line}:${r.reason}`}>
              <strong>{r.line === 0 ? 'The text' : `Line ${r.line}`}:</strong> {r.reason}
              {r.excerpt && <code className="excerpt">{r.excerpt}</code>}
            </li>
          ))}
        </ul>
      )}
      {added.length > 0 && (
        <p role="status" className="ok-text">
          <KeyRound size={14} aria-hidden="true" /> Added {added.length === 1 ? '1 key' : `${added.length} keys`}: {added.map((k) => k.comment || k.fingerprint).join(', ')}
        </p>
      )}
      {action.error && <ErrorText>{action.error}</ErrorText>}
      <div className="form-actions">
        <FileTrigger onSelect={(files) => void importFile(files)}>
          <Button><FileUp size={16} aria-hidden="true" /><span>Import a file…</span></Button>
        </FileTrigger>
        <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Adding…' : 'Add keys'}</Button>
      </div>
    </Form>
  );
}
