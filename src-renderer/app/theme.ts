// Applies the theme setting to the page: `data-theme` on <html> picks the colour tokens in
// styles.css ("system" follows prefers-color-scheme). In Electron the shell also sets
// nativeTheme.themeSource, which drives the same media query and the native parts.
import { useEffect } from 'react';
import type { AppSettings } from '../../src-shared/contract/index.js';

export function useApplyTheme(theme: AppSettings['theme'] | undefined): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'system';
  }, [theme]);
}
