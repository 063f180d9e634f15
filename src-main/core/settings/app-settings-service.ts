// The app-wide settings. A change of the case-insensitivity default rebuilds the running shares that
// follow it, so the new rule applies at once.
import type { AppSettings } from '../../../src-shared/contract/index.js';
import type { CoreContext } from '../core-context.js';
import type { ShareService } from '../shares/share-service.js';

export class AppSettingsService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly shares: ShareService,
  ) {}

  get(): AppSettings {
    return this.ctx.repo.document.app;
  }

  async update(patch: Partial<AppSettings>): Promise<AppSettings> {
    const before = this.get();
    const app: AppSettings = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.ctx.repo.update((doc) => ({ ...doc, app }));
    if (app.caseInsensitive !== before.caseInsensitive) {
      for (const runtime of this.ctx.runtimes.values()) {
        if (runtime.record.vfs['vfs-case-insensitive'] === undefined) await runtime.apply(runtime.record, true);
      }
      this.shares.announce();
    }
    this.ctx.events.emit('settings', app);
    return app;
  }
}
