import { useEffect, useRef } from 'react';
import { loadThemeCatalog, type ColorMode, type ThemeCatalog } from '../../theme/index.js';

/**
 * The themes `:theme` can switch to, read once right after the first frame (not on a key press).
 * The getter reads them at once if a `:theme` arrives before that.
 */
export function useThemeCatalog(userDir: string | undefined, colorMode: ColorMode): () => ThemeCatalog {
  const catalog = useRef<ThemeCatalog | undefined>(undefined);
  const get = useRef(() => (catalog.current ??= loadThemeCatalog({ userDir, colorMode }))).current;
  useEffect(() => void get(), [get]);
  return get;
}
