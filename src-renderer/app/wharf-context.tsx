// Hands the bridge and the store to every screen; `useWharfState` re-renders a component only
// when the part of the snapshot it selects changes.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { WharfBridge } from '../../src-shared/contract/index.js';
import type { WharfSnapshot } from './wharf-store.js';
import { WharfStore } from './wharf-store.js';

const StoreContext = createContext<WharfStore | undefined>(undefined);

export function WharfProvider({ bridge, children }: { readonly bridge: WharfBridge; readonly children: ReactNode }) {
  const [store] = useState(() => new WharfStore(bridge));
  useEffect(() => store.start(), [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): WharfStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside WharfProvider');
  return store;
}

export function useBridge(): WharfBridge {
  return useStore().bridge;
}

export function useWharfState<T>(select: (state: WharfSnapshot) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
