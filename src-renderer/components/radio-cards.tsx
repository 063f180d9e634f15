// A choice of a few options, each with one sentence on what it means (cache modes, theme, bind).
// React Aria's RadioGroup: arrow keys move between options, the chosen one is marked with a dot
// and a heavier border, never by colour alone.
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { ReactNode } from 'react';

export interface RadioOption<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly description?: ReactNode;
}

export interface RadioCardsProps<V extends string> {
  readonly label: string;
  readonly options: readonly RadioOption<V>[];
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly isDisabled?: boolean;
  readonly description?: ReactNode;
  readonly layout?: 'grid' | 'row';
}

export function RadioCards<V extends string>({ label, options, value, onChange, isDisabled, description, layout = 'grid' }: RadioCardsProps<V>) {
  return (
    <RadioGroup
      className="radio-group"
      value={value}
      onChange={(v) => onChange(v as V)}
      isDisabled={isDisabled}
      orientation={layout === 'row' ? 'horizontal' : 'vertical'}
    >
      <Label className="field-label">{label}</Label>
      {description && <Text slot="description" className="field-description">{description}</Text>}
      <div className={`radio-options radio-${layout}`}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} className="radio-card">
            <span className="radio-dot" aria-hidden="true" />
            <span className="radio-text">
              <span className="radio-label">{o.label}</span>
              {o.description && <span className="radio-description">{o.description}</span>}
            </span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
