// Users of a share: who may log in, how (password, keys), to which folder, with which access, and
// whether they are connected now. Adding shows a generated password once; disabling asks first and
// says that it ends the user's sessions.
import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import type { Share, User } from '../../../src-shared/contract/index.js';
import { useChosenShare } from '../../app/use-chosen-share.js';
import { useBridge, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { SwitchField } from '../../components/fields.js';
import { EmptyState, ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { SharePicker } from '../../components/share-picker.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { PasswordOnceDialog } from './password-once-dialog.js';
import { UserFormDialog } from './user-form-dialog.js';
import { describeLogin, lastLoginText } from './user-text.js';

export function UsersScreen() {
  const { shares, share, choose } = useChosenShare();
  const [form, setForm] = useState<{ user?: User } | undefined>();
  const [once, setOnce] = useState<{ user: string; password: string } | undefined>();
  const users = useRequest('users:list', share ? { shareId: share.id } : null, shares);

  if (shares !== undefined && shares.length === 0) {
    return (
      <>
        <PageHeader title="Users" description="Who may log in to a share, with a password or a key." />
        <EmptyState title="No shares yet">Share a folder first (Shares): users belong to a share.</EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Users"
        description="Who may log in to a share, with a password or a key."
        actions={share && (
          <Button variant="primary" onPress={() => setForm({})}>
            <UserPlus size={16} aria-hidden="true" /><span>Add user…</span>
          </Button>
        )}
      />
      {shares && <div className="toolbar"><SharePicker shares={shares} value={share?.id} onChange={choose} /></div>}
      {users.error && <ErrorText>{users.error}</ErrorText>}
      {share && users.value && (
        <Section>
          {users.value.length === 0 ? (
            <EmptyState title="No users yet" action={<Button variant="primary" onPress={() => setForm({})}>Add user…</Button>}>
              Add one so someone can log in to “{share.name}”.
            </EmptyState>
          ) : (
            <UsersTable share={share} users={users.value} onEdit={(user) => setForm({ user })} />
          )}
        </Section>
      )}
      {form && share && (
        <UserFormDialog
          shareId={share.id}
          shareName={share.name}
          user={form.user}
          onClose={() => {
            setForm(undefined);
            users.reload();
          }}
          onPassword={(user, password) => setOnce({ user, password })}
        />
      )}
      <PasswordOnceDialog user={once?.user ?? ''} password={once?.password} onClose={() => setOnce(undefined)} />
    </>
  );
}

function UsersTable({ share, users, onEdit }: { readonly share: Share; readonly users: readonly User[]; readonly onEdit: (user: User) => void }) {
  const sessions = useWharfState((s) => s.stats?.sessions);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Users of {share.name}</caption>
        <thead>
          <tr>
            <th scope="col">Enabled</th>
            <th scope="col">Name</th>
            <th scope="col">Logs in with</th>
            <th scope="col">Folder</th>
            <th scope="col">Access</th>
            <th scope="col">Last login</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.name} share={share} user={u} onEdit={() => onEdit(u)}
              connected={(sessions ?? []).filter((s) => s.shareId === share.id && s.user === u.name).length} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserRow({ share, user, connected, onEdit }: { readonly share: Share; readonly user: User; readonly connected: number; readonly onEdit: () => void }) {
  const bridge = useBridge();
  const action = useAction();
  const [confirm, setConfirm] = useState<'disable' | 'remove' | undefined>();
  const login = describeLogin(user);

  const setEnabled = async (enabled: boolean) => {
    const done = await action.run(() => bridge.invoke('users:update', { shareId: share.id, name: user.name, patch: { enabled } }));
    if (done) setConfirm(undefined);
  };
  const remove = async () => {
    const done = await action.run(() => bridge.invoke('users:remove', { shareId: share.id, name: user.name }));
    if (done === null) setConfirm(undefined);
  };

  return (
    <tr className={user.enabled ? undefined : 'row-disabled'}>
      <td>
        <SwitchField
          isSelected={user.enabled}
          onChange={(on) => (on ? void setEnabled(true) : setConfirm('disable'))}
          isReadOnly={action.busy}
          aria-label={`${user.name} enabled`}
        >
          <span className="visually-hidden">{user.name} enabled</span>
        </SwitchField>
      </td>
      <th scope="row" className="cell-name">{user.name}</th>
      <td className={login.usable ? undefined : 'warn-text'}>{login.text}</td>
      <td className="mono">{user.root}</td>
      <td>{user.readOnly ? 'Read-only' : 'Read & write'}</td>
      <td className="num">{lastLoginText(user, connected)}</td>
      <td className="cell-actions">
        <Button size="small" variant="quiet" onPress={onEdit} aria-label={`Edit ${user.name}`}>Edit</Button>
        <Button size="small" variant="quiet" onPress={() => setConfirm('remove')} aria-label={`Remove ${user.name}`}>Remove</Button>
        {action.error && !confirm && <ErrorText>{action.error}</ErrorText>}
        <ConfirmDialog
          title={`Disable “${user.name}”?`}
          isOpen={confirm === 'disable'}
          confirmLabel={`Disable ${user.name}`}
          onConfirm={() => void setEnabled(false)}
          onCancel={() => setConfirm(undefined)}
          busy={action.busy}
          error={action.error}
        >
          <p>
            {connected > 0 ? `${user.name} is connected now: their` : 'Their'} open sessions on “{share.name}” end at once, and they cannot
            log in until you enable them again. Their password and keys are kept.
          </p>
        </ConfirmDialog>
        <ConfirmDialog
          title={`Remove “${user.name}”?`}
          isOpen={confirm === 'remove'}
          confirmLabel={`Remove ${user.name}`}
          onConfirm={() => void remove()}
          onCancel={() => setConfirm(undefined)}
          busy={action.busy}
          error={action.error}
        >
          <p>Their sessions end and their password and keys are deleted. Files they uploaded stay in the share.</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
