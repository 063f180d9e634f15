// Adds a user (generated password shown once, a typed one, or none for key-only users) or changes
// one's folder, access and password. The name and folder are checked with the contract's schemas
// before anything is sent.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { User } from '../../../src-shared/contract/index.js';
import { pathText, userNameSchema } from '../../../src-shared/contract/index.js';
import { useBridge } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { CheckboxField, TextInputField } from '../../components/fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { ErrorText } from '../../components/notices.js';
import { RadioCards } from '../../components/radio-cards.js';
import { useAction } from '../../components/use-action.js';

type PasswordChoice = 'generate' | 'type' | 'none' | 'keep';

export interface UserFormDialogProps {
  readonly shareId: string;
  readonly shareName: string;
  /** The user to change; undefined to add one. */
  readonly user?: User;
  readonly onClose: () => void;
  /** Called with the generated password when one was made. */
  readonly onPassword: (user: string, password: string) => void;
}

function firstIssue(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): string | undefined {
  if (result.success) return undefined;
  const message = result.error?.issues[0]?.message ?? 'not valid';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function UserFormDialog({ shareId, shareName, user, onClose, onPassword }: UserFormDialogProps) {
  const bridge = useBridge();
  const action = useAction();
  const [name, setName] = useState(user?.name ?? '');
  const [choice, setChoice] = useState<PasswordChoice>(user ? 'keep' : 'generate');
  const [password, setPassword] = useState('');
  const [root, setRoot] = useState(user?.root ?? '/');
  const [readOnly, setReadOnly] = useState(user?.readOnly ?? false);
  const [errors, setErrors] = useState<{ name?: string; password?: string; root?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = {
      name: user ? undefined : firstIssue(userNameSchema.safeParse(name)),
      password: choice === 'type' && password.length === 0 ? 'Type a password, or choose another option' : undefined,
      root: firstIssue(pathText.safeParse(root)) ?? (root.trim() === '' ? 'Give a folder; / is the whole share' : undefined),
    };
    setErrors(next);
    if (next.name || next.password || next.root) return;
    if (!user) {
      const added = await action.run(() =>
        bridge.invoke('users:add', {
          shareId,
          name,
          root: root.trim(),
          readOnly,
          generatePassword: choice === 'generate',
          ...(choice === 'type' ? { password } : {}),
        }),
      );
      if (!added) return;
      onClose();
      if (added.password !== null) onPassword(added.user.name, added.password);
      return;
    }
    const updated = await action.run(() => bridge.invoke('users:update', { shareId, name: user.name, patch: { root: root.trim(), readOnly } }));
    if (!updated) return;
    if (choice === 'type') {
      if (!(await action.run(() => bridge.invoke('users:set-password', { shareId, name: user.name, password })))) return;
    } else if (choice === 'generate') {
      const reset = await action.run(() => bridge.invoke('users:reset-password', { shareId, name: user.name }));
      if (!reset) return;
      onClose();
      onPassword(user.name, reset.password);
      return;
    } else if (choice === 'none' && user.hasPassword) {
      if (!(await action.run(() => bridge.invoke('users:clear-password', { shareId, name: user.name })))) return;
    }
    onClose();
  };

  const options = [
    ...(user ? [{ value: 'keep' as const, label: user.hasPassword ? 'Keep the current password' : 'Keep: no password' }] : []),
    { value: 'generate' as const, label: user ? 'Generate a new password' : 'Generate a password', description: 'Shown once; copy it and give it on.' },
    { value: 'type' as const, label: 'Type a password' },
    { value: 'none' as const, label: 'No password', description: 'The user logs in with a public key (add one under Keys).' },
  ];

  return (
    <ModalDialog title={user ? `Edit “${user.name}”` : `Add a user to “${shareName}”`} isOpen onClose={onClose} dismissable={!action.busy} wide>
      <Form onSubmit={(e) => void submit(e)} className="form">
        {!user && <TextInputField label="User name" value={name} onChange={setName} error={errors.name} autoFocus isRequired description="What they type as the user in their client." />}
        <RadioCards label="How they log in" value={choice} onChange={setChoice} options={options} />
        {choice === 'type' && (
          <TextInputField label="New password" type="password" value={password} onChange={setPassword} error={errors.password} description="Long and unique; Wharf stores only a hash." />
        )}
        <TextInputField label="Folder" value={root} onChange={setRoot} error={errors.root} mono description="Inside the share; / is the whole share. The user sees nothing above it." />
        <CheckboxField isSelected={readOnly} onChange={setReadOnly} description="They can open and download, not change or delete.">
          Read-only
        </CheckboxField>
        {action.error && <ErrorText>{action.error}</ErrorText>}
        <div className="dialog-actions">
          <Button onPress={onClose} isDisabled={action.busy}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Saving…' : user ? 'Save' : 'Add user'}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
