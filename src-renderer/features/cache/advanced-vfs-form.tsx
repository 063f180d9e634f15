// The other VFS options of a share, each with its default and help, saved together. Empty fields
// use the default, so "Reset to defaults" is emptying the form.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { Share } from '../../../src-shared/contract/index.js';
import { useBridge, useStore } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { CheckboxField, TextInputField } from '../../components/fields.js';
import { ErrorText } from '../../components/notices.js';
import { SelectField } from '../../components/select-field.js';
import { useAction } from '../../components/use-action.js';
import { ADVANCED_OPTIONS, defaultLabel, fieldKind, optionLabel, textsFromValues, valuesFromTexts } from './vfs-option-fields.js';

export function AdvancedVfsForm({ share, caseDefault }: { readonly share: Share; readonly caseDefault: boolean | undefined }) {
  const bridge = useBridge();
  const store = useStore();
  const action = useAction();
  const [texts, setTexts] = useState(() => textsFromValues(share.vfs));
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const set = (name: string) => (value: string) => {
    setSaved(false);
    setTexts((t) => ({ ...t, [name]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = valuesFromTexts(texts, share.vfs);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    const updated = await action.run(() => bridge.invoke('shares:update', { id: share.id, patch: { vfs: parsed.values } }));
    if (updated) {
      store.replaceShare(updated);
      setTexts(textsFromValues(updated.vfs));
      setSaved(true);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} className="form">
      <div className="options-grid">
        {ADVANCED_OPTIONS.map((spec) => {
          const kind = fieldKind(spec);
          const description = `${spec.help}. Default: ${defaultLabel(spec)}.`;
          if (kind === 'checkbox') {
            return (
              <CheckboxField key={spec.name} isSelected={texts[spec.name] === 'true'} onChange={(on) => set(spec.name)(on ? 'true' : '')} description={description}>
                {optionLabel(spec)} <code className="flag">--{spec.name}</code>
              </CheckboxField>
            );
          }
          if (kind === 'tristate') {
            const follow = caseDefault === undefined ? 'Follow Settings' : `Follow Settings (now ${caseDefault ? 'on' : 'off'})`;
            return (
              <SelectField
                key={spec.name}
                label={`${optionLabel(spec)} (--${spec.name})`}
                items={[{ id: 'default', label: follow }, { id: 'true', label: 'On' }, { id: 'false', label: 'Off' }]}
                value={texts[spec.name] || 'default'}
                onChange={(v) => set(spec.name)(v === 'default' ? '' : v)}
                description={`${spec.help}.`}
                error={errors[spec.name]}
              />
            );
          }
          return (
            <TextInputField
              key={spec.name}
              label={`${optionLabel(spec)} (--${spec.name})`}
              value={texts[spec.name] ?? ''}
              onChange={set(spec.name)}
              placeholder={defaultLabel(spec)}
              description={description}
              error={errors[spec.name]}
              mono
            />
          );
        })}
      </div>
      {errors.form && <ErrorText>{errors.form}</ErrorText>}
      {action.error && <ErrorText>{action.error}</ErrorText>}
      <p className="field-description">Saving restarts this share's servers: connected clients reconnect.</p>
      <div className="form-actions">
        <Button onPress={() => { setTexts(textsFromValues({})); setSaved(false); }} isDisabled={action.busy}>Reset to defaults</Button>
        <Button type="submit" variant="primary" isDisabled={action.busy}>{action.busy ? 'Saving…' : 'Save options'}</Button>
        {saved && <span role="status" className="ok-text">Saved</span>}
      </div>
    </Form>
  );
}
