/**
 * The reports token lives in sessionStorage: it survives a reload but is gone
 * when the tab closes, and it is never written into a URL or a cookie.
 */
const KEY = 'search-analytics.reports-token';

export interface TokenStore {
  read(): string | undefined;
  save(token: string): void;
  forget(): void;
}

export function sessionTokenStore(storage: Storage = window.sessionStorage): TokenStore {
  return {
    read: () => storage.getItem(KEY) ?? undefined,
    save: (token) => storage.setItem(KEY, token),
    forget: () => storage.removeItem(KEY),
  };
}
