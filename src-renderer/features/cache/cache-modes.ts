// What each cache mode allows, in one sentence each (rclone's VFS cache modes).
import type { CacheMode } from '../../../src-shared/cache-mode.js';

export const CACHE_MODE_TEXT: Readonly<Record<CacheMode, { readonly label: string; readonly text: string }>> = {
  off: {
    label: 'Off',
    text: 'Reads and writes go straight to the folder: files can be written only from start to end, and some apps cannot save.',
  },
  minimal: {
    label: 'Minimal',
    text: 'Like Off, but a file opened to read and write at once is cached on disk first, so most apps can save.',
  },
  writes: {
    label: 'Writes',
    text: 'Every file being written is kept on disk and uploaded when closed: any app can save; reads stay direct.',
  },
  full: {
    label: 'Full',
    text: 'Everything read or written is cached on disk: fastest for files opened again, and it needs room on this disk.',
  },
};
