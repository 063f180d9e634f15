// Labelled form controls on React Aria: the label, a one-line description and the error are wired
// to the input (aria-labelledby, aria-describedby, aria-invalid). Validation itself is done with the
// contract's zod schemas by each form; these only show the result.
import { Checkbox, FieldError, Input, Label, Switch, Text, TextArea, TextField } from 'react-aria-components';
import type { ReactNode, Ref } from 'react';

interface BaseFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly isDisabled?: boolean;
  readonly autoFocus?: boolean;
  readonly mono?: boolean;
  readonly name?: string;
  readonly className?: string;
}

export interface TextInputFieldProps extends BaseFieldProps {
  readonly type?: 'text' | 'password' | 'number' | 'search';
  readonly inputRef?: Ref<HTMLInputElement>;
  /** Width in characters (a port needs 6, a path many). */
  readonly size?: number;
}

export function TextInputField({ label, value, onChange, description, error, type = 'text', placeholder, isRequired, isDisabled, autoFocus, mono, inputRef, size, name, className }: TextInputFieldProps) {
  return (
    <TextField
      className={['field', className].filter(Boolean).join(' ')}
      value={value}
      onChange={onChange}
      isInvalid={error !== undefined}
      isRequired={isRequired}
      isDisabled={isDisabled}
      validationBehavior="aria"
      type={type}
      name={name}
      autoFocus={autoFocus}
    >
      <Label className="field-label">{label}</Label>
      <Input ref={inputRef} className={mono ? 'input mono' : 'input'} placeholder={placeholder} size={size} spellCheck={false} autoComplete="off" />
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

export function TextAreaField({ label, value, onChange, description, error, placeholder, isRequired, isDisabled, autoFocus, mono, name, className, rows = 6 }: BaseFieldProps & { readonly rows?: number }) {
  return (
    <TextField
      className={['field', className].filter(Boolean).join(' ')}
      value={value}
      onChange={onChange}
      isInvalid={error !== undefined}
      isRequired={isRequired}
      isDisabled={isDisabled}
      validationBehavior="aria"
      name={name}
      autoFocus={autoFocus}
    >
      <Label className="field-label">{label}</Label>
      <TextArea className={mono ? 'input textarea mono' : 'input textarea'} placeholder={placeholder} rows={rows} spellCheck={false} />
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

export interface ToggleProps {
  readonly children: ReactNode;
  readonly isSelected: boolean;
  readonly onChange: (selected: boolean) => void;
  readonly isDisabled?: boolean;
  /** Busy: the control keeps its focus but ignores presses (a disabled one would drop focus). */
  readonly isReadOnly?: boolean;
  readonly description?: ReactNode;
  readonly 'aria-label'?: string;
}

/** A switch whose label always says On or Off next to the track, so the state is not colour alone. */
export function SwitchField({ children, isSelected, onChange, isDisabled, isReadOnly, description, ...rest }: ToggleProps) {
  return (
    <div className="switch-field">
      <Switch className="switch" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled} isReadOnly={isReadOnly} aria-label={rest['aria-label']}>
        <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
        <span className="switch-label">{children}</span>
        <span className="switch-state" aria-hidden="true">{isSelected ? 'On' : 'Off'}</span>
      </Switch>
      {description && <p className="field-description switch-description">{description}</p>}
    </div>
  );
}

export function CheckboxField({ children, isSelected, onChange, isDisabled, description }: ToggleProps) {
  return (
    <div className="checkbox-field">
      <Checkbox className="checkbox" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled}>
        <span className="checkbox-box" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="12" height="12"><polyline points="3 8.5 6.5 12 13 4.5" fill="none" strokeWidth="2.2" /></svg>
        </span>
        <span>{children}</span>
      </Checkbox>
      {description && <p className="field-description checkbox-description">{description}</p>}
    </div>
  );
}
