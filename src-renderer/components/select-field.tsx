// A labelled drop-down list (React Aria's Select: a button that opens a list box, with typeahead
// and arrow keys). Items are plain text.
import { ChevronDown } from 'lucide-react';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import type { ReactNode } from 'react';

export interface SelectItem {
  readonly id: string;
  readonly label: string;
}

export interface SelectFieldProps {
  readonly label: string;
  readonly items: readonly SelectItem[];
  readonly value: string | undefined;
  readonly onChange: (id: string) => void;
  readonly placeholder?: string;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly isDisabled?: boolean;
}

export function SelectField({ label, items, value, onChange, placeholder = 'Choose…', description, error, isDisabled }: SelectFieldProps) {
  return (
    <Select
      className="field select"
      value={value ?? null}
      onChange={(key) => key !== null && onChange(String(key))}
      placeholder={placeholder}
      isInvalid={error !== undefined}
      isDisabled={isDisabled}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      <Button className="select-button">
        <SelectValue className="select-value" />
        <ChevronDown size={16} aria-hidden="true" />
      </Button>
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={items.map((i) => ({ id: i.id, label: i.label }))}>
          {(item) => <ListBoxItem className="listbox-item" id={item.id} textValue={item.label}>{item.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}
