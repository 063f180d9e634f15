// The window's copy of the engine's state: app info, settings, shares, live stats, and the
// connection cards whose password is on screen this once. Filled by one request per kind at start
// and kept current by the event channels; every screen reads it through useWharfState. Answers to
// a list request that an event overtook are dropped, so a late reply never shows stale state.
import type { AppInfo, AppSettings, ConnectionCard, Share, ShareProtocol, Stats, WharfBridge } from '../../src-shared/contract/index.js';

export interface WharfSnapshot {
  readonly info: AppInfo | undefined;
  readonly settings: AppSettings | undefined;
  /** Undefined until the first list arrives. */
  readonly shares: readonly Share[] | undefined;
  readonly stats: Stats | undefined;
  /** Why the first load failed, in words for the person. */
  readonly loadError: string | undefined;
  /** Cards just returned with a generated password, shown until dismissed. */
  readonly freshCards: readonly ConnectionCard[];
  /** The share the Users, Keys and Cache screens work on (kept while moving between them). */
  readonly chosenShareId: string | undefined;
}

const EMPTY: WharfSnapshot = {
  info: undefined,
  settings: undefined,
  shares: undefined,
  stats: undefined,
  loadError: undefined,
  freshCards: [],
  chosenShareId: undefined,
};

export class WharfStore {
  private state: WharfSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private sharesVersion = 0;
  private settingsVersion = 0;
  private statsVersion = 0;

  constructor(readonly bridge: WharfBridge) {}

  /** Subscribes to the events and loads everything; returns the function that stops listening. */
  start(): () => void {
    const offs = [
      this.bridge.on('shares:changed', (shares) => {
        this.sharesVersion++;
        this.set({ shares });
      }),
      this.bridge.on('settings:changed', (settings) => {
        this.settingsVersion++;
        this.set({ settings });
      }),
      this.bridge.on('stats:update', (stats) => {
        this.statsVersion++;
        this.set({ stats });
      }),
    ];
    void this.load();
    return () => {
      for (const off of offs) off();
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WharfSnapshot => this.state;

  async load(): Promise<void> {
    const versions = { shares: this.sharesVersion, settings: this.settingsVersion, stats: this.statsVersion };
    const [info, settings, shares, stats] = await Promise.all([
      this.bridge.invoke('app:info', {}),
      this.bridge.invoke('settings:get', {}),
      this.bridge.invoke('shares:list', {}),
      this.bridge.invoke('stats:get', {}),
    ]);
    const failed = [info, settings, shares, stats].find((r) => !r.ok);
    this.set({
      info: info.ok ? info.value : this.state.info,
      settings: settings.ok && versions.settings === this.settingsVersion ? settings.value : this.state.settings,
      shares: shares.ok && versions.shares === this.sharesVersion ? shares.value : this.state.shares,
      stats: stats.ok && versions.stats === this.statsVersion ? stats.value : this.state.stats,
      loadError: failed && !failed.ok ? failed.error.message : undefined,
    });
  }

  /** Re-reads the shares (after a change whose event may come later). */
  async refreshShares(): Promise<void> {
    const version = this.sharesVersion;
    const result = await this.bridge.invoke('shares:list', {});
    if (result.ok && version === this.sharesVersion) this.set({ shares: result.value });
  }

  /** Puts a share returned by a request in place at once (its event follows). */
  replaceShare(share: Share): void {
    const shares = this.state.shares ?? [];
    const next = shares.some((s) => s.id === share.id) ? shares.map((s) => (s.id === share.id ? share : s)) : [...shares, share];
    this.set({ shares: next });
  }

  setSettings(settings: AppSettings): void {
    this.set({ settings });
  }

  addFreshCard(card: ConnectionCard): void {
    const rest = this.state.freshCards.filter((c) => !(c.shareId === card.shareId && c.protocol === card.protocol));
    this.set({ freshCards: [card, ...rest] });
  }

  dismissFreshCard(shareId: string, protocol: ShareProtocol): void {
    this.set({ freshCards: this.state.freshCards.filter((c) => !(c.shareId === shareId && c.protocol === protocol)) });
  }

  chooseShare(id: string): void {
    this.set({ chosenShareId: id });
  }

  private set(patch: Partial<WharfSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}
