const KEY = "gatehouse.admin.token";

/** Where the signed-in token is kept: sessionStorage, so it dies with the tab and never reaches a URL. */
export interface Session {
  token(): string | null;
  signIn(token: string): void;
  signOut(): void;
}

/**
 * Creates the session over a Storage (window.sessionStorage in the browser).
 * @example const session = createSession(window.sessionStorage);
 */
export function createSession(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): Session {
  return {
    token: () => storage.getItem(KEY),
    signIn: (token) => storage.setItem(KEY, token),
    signOut: () => storage.removeItem(KEY),
  };
}
