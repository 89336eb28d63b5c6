import { normalizeTheme, type HostTheme } from './context';

/** Functions over a closure, never over `this`: React and teams-js are handed them on their own as callbacks. */
export interface ThemeStore {
  get(this: void): HostTheme;
  set(this: void, theme: HostTheme): void;
  subscribe(this: void, listener: () => void): () => void;
}

/**
 * The current host theme. Starts from the `theme` query parameter when the host put one in the URL (Teams fills
 * `{theme}` in a manifest content URL), so the skeleton already has the right colours before the context arrives.
 */
export function createThemeStore(search: string): ThemeStore {
  let theme = normalizeTheme(new URLSearchParams(search).get('theme'));
  const listeners = new Set<() => void>();
  return {
    get: () => theme,
    set(next) {
      if (next === theme) return;
      theme = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
