// Renderer entry: connects the bridge (Electron preload or headless WebSocket) and mounts the app
// shell with every screen.
import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/index.js';
import { connectBridge } from './bridge/index.js';
import './styles.css';
import './styles-controls.css';
import './styles-screens.css';

// React Aria injects a tiny <style> for pressable elements unless one with this id exists. The
// window's CSP allows only the app's own style sheets, so the rule lives in styles-controls.css
// and this marker stops the injection (which the CSP would refuse with a console error).
const PRESSABLE_STYLE_ID = 'react-aria-pressable-style';
if (!document.getElementById(PRESSABLE_STYLE_ID)) {
  const marker = document.createElement('meta');
  marker.id = PRESSABLE_STYLE_ID;
  document.head.append(marker);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={connectBridge()} />
    </StrictMode>,
  );
}
