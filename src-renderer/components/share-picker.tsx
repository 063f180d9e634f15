// Chooses the share a screen works on (users, keys and cache belong to a share).
import type { Share } from '../../src-shared/contract/index.js';
import { SelectField } from './select-field.js';

export interface SharePickerProps {
  readonly shares: readonly Share[];
  readonly value: string | undefined;
  readonly onChange: (id: string) => void;
  readonly label?: string;
}

export function SharePicker({ shares, value, onChange, label = 'Share' }: SharePickerProps) {
  return <SelectField label={label} items={shares.map((s) => ({ id: s.id, label: s.name }))} value={value} onChange={onChange} placeholder="Choose a share" />;
}

/** Keeps a chosen share id valid as shares come and go: the first share when none or a removed one is chosen. */
export function pickShare(shares: readonly Share[] | undefined, chosen: string | undefined): string | undefined {
  if (!shares || shares.length === 0) return undefined;
  return shares.some((s) => s.id === chosen) ? chosen : shares[0]?.id;
}
