// src-renderer/app: the app shell — the store of the engine's state fed by the bridge, navigation
// between the screens (hash routes), the theme, and the window's layout. May import: src-shared,
// the renderer's components/ and features/, and the UI libraries the README's "UI" section names.
export { App } from './app-shell.js';
