// The share the Users, Keys and Cache screens work on: the one chosen last, or the first share.
import type { Share } from '../../src-shared/contract/index.js';
import { pickShare } from '../components/share-picker.js';
import { useStore, useWharfState } from './wharf-context.js';

export function useChosenShare(): { readonly shares: readonly Share[] | undefined; readonly share: Share | undefined; choose(id: string): void } {
  const store = useStore();
  const shares = useWharfState((s) => s.shares);
  const chosen = useWharfState((s) => s.chosenShareId);
  const id = pickShare(shares, chosen);
  return { shares, share: shares?.find((s) => s.id === id), choose: (next) => store.chooseShare(next) };
}
