// Builds the renderer (src-renderer/) into dist-renderer/, served by the headless UI and loaded by
// the Electron window. Relative asset URLs (base './') work from file:// and from http://.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    sourcemap: false,
  },
});
