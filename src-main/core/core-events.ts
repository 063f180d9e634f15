// What the core announces as it happens: the share list (any change, including server states), one
// server's new state, and changed app settings. The api turns these into event channels.
import type { AppSettings, ServerStatus, Share, ShareProtocol } from '../../src-shared/contract/index.js';

export interface CoreEventMap {
  readonly shares: readonly Share[];
  readonly status: { readonly shareId: string; readonly protocol: ShareProtocol; readonly status: ServerStatus };
  readonly settings: AppSettings;
}

export type CoreEventName = keyof CoreEventMap;
type Listener<K extends CoreEventName> = (payload: CoreEventMap[K]) => void;

export class CoreEvents {
  private readonly listeners: { [K in CoreEventName]: Set<Listener<K>> } = {
    shares: new Set(),
    status: new Set(),
    settings: new Set(),
  };

  on<K extends CoreEventName>(event: K, listener: Listener<K>): () => void {
    const set = this.listeners[event] as Set<Listener<K>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends CoreEventName>(event: K, payload: CoreEventMap[K]): void {
    for (const listener of [...(this.listeners[event] as Set<Listener<K>>)]) {
      try {
        listener(payload);
      } catch {
        // A listener (a closed window, a dropped socket) must not stop the others or the change.
      }
    }
  }
}
