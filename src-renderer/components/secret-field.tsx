// A generated password shown once: a read-only field labelled "Password", hidden until Show is
// pressed, with Copy next to it. The value is never placed anywhere but this input.
import { Eye, EyeOff } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from './button.js';
import { CopyButton } from './copy-button.js';

export function SecretField({ value, label = 'Password' }: { readonly value: string; readonly label?: string }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  const labelId = `${id}-label`;
  return (
    <div className="secret-field">
      <label id={labelId} htmlFor={id} className="field-label">{label}</label>
      <div className="secret-row">
        <input
          id={id}
          className="input mono secret-input"
          type={shown ? 'text' : 'password'}
          readOnly
          value={value}
          size={Math.max(value.length + 2, 12)}
          autoComplete="off"
          spellCheck={false}
        />
        <Button size="small" variant="quiet" onPress={() => setShown((s) => !s)} aria-pressed={shown} aria-describedby={labelId} className="show-button">
          {shown ? <EyeOff size={14} aria-hidden="true" /> : <Eye size={14} aria-hidden="true" />}
          <span>{shown ? 'Hide' : 'Show'}</span>
        </Button>
        <CopyButton value={value} what={label.toLowerCase()} describedBy={labelId} />
      </div>
    </div>
  );
}
