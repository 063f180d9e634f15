import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers and clients; give them room but keep the suite bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // electron-store imports `electron`; run it through Vitest so the shell tests' fake electron
    // (vi.mock) reaches it instead of the real package, whose binary cannot be downloaded here.
    server: { deps: { inline: ['electron-store'] } },
  },
});
