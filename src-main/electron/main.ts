// src-main/electron: the desktop shell, and the only folder that imports `electron`. It owns the app
// lifecycle (desktop-app.ts), the window and its fences, the preload bridge, IPC over the api router,
// the tray and menus, native dialogs, start at login, theme, and the electron-store settings adapter.
// May import: api, core, src-shared, node builtins, electron, electron-store.
//
// This file is the app's entry (package.json "main" -> dist/src-main/electron/main.js). Electron runs
// it as ESM: what must precede 'ready' (scheme privileges, the single-instance lock) happens in the
// synchronous start of startDesktopApp, and nothing here awaits at top level (that would hang 'ready').
import * as electron from 'electron';
import { createConsoleLogger } from '../../src-shared/logger.js';
import type { LogLevel } from '../../src-shared/logger.js';
import { startDesktopApp } from './desktop-app.js';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const wanted = process.env.WHARF_LOG_LEVEL;
const logger = createConsoleLogger(LEVELS.find((l) => l === wanted) ?? 'info');

startDesktopApp(electron, {
  argv: process.argv,
  env: process.env,
  mainDir: import.meta.dirname,
  logger,
  version: electron.app.getVersion(),
}).catch((err: unknown) => {
  // Nothing may crash silently: the box says what went wrong, the log keeps the stack; then leave.
  const message = err instanceof Error ? err.message : String(err);
  logger.error(`Wharf could not start: ${err instanceof Error ? (err.stack ?? message) : message}`);
  electron.dialog.showErrorBox('Wharf could not start', message);
  electron.app.exit(1);
});
