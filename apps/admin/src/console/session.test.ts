import { describe, expect, it } from "vitest";
import { createSession } from "./session.js";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("createSession", () => {
  it("keeps the token until sign-out", () => {
    const storage = memoryStorage();
    const session = createSession(storage);
    expect(session.token()).toBeNull();
    session.signIn("gth-x");
    expect(session.token()).toBe("gth-x");
    session.signOut();
    expect(session.token()).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});
