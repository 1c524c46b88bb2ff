import { ops } from "@gatehouse/api-contract";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "./client.js";

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(response: () => Response | Promise<Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return response();
  };
  return { fetch: fn as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const anonymous = { authenticated: false, kind: "anonymous", user: null, token: null } as const;

describe("createApiClient", () => {
  it("sends the token as a Bearer header, never in the URL, with the operation's path and query", async () => {
    const token = `gth-${"a".repeat(46)}`;
    const { fetch, calls } = fakeFetch(() => json(200, { tokens: [] }));
    const api = createApiClient({ fetch, getToken: () => token });
    const r = await api.call(ops.tokens.list, { query: { expired: "true" } });
    expect(r).toEqual({ ok: true, value: { tokens: [] } });
    expect(calls[0]?.url).toBe("/__api__/tokens?expired=true");
    expect(calls[0]?.url).not.toContain(token);
    expect(new Headers(calls[0]?.init.headers).get("authorization")).toBe(`Bearer ${token}`);
    expect(calls[0]?.init.credentials).toBe("omit");
  });

  it("sends no Authorization header when signed out, and JSON bodies with a content type", async () => {
    const repo = { id: "r1", name: "pypi", type: "python", description: "", authenticated: false, sources: [], createdAt: "2026-01-01T00:00:00.000Z" };
    const { fetch, calls } = fakeFetch(() => json(201, repo));
    const api = createApiClient({ fetch, getToken: () => null });
    await api.call(ops.repos.create, { body: { name: "pypi" } });
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.has("authorization")).toBe(false);
    expect(headers.get("content-type")).toBe("application/json");
    expect(calls[0]?.init.body).toBe('{"name":"pypi"}');
  });

  it("returns the server's error code, message and field", async () => {
    const { fetch } = fakeFetch(() => json(400, { error: { code: "INVALID_INPUT", message: "invalid expiry '3x'", field: "expires" } }));
    const r = await createApiClient({ fetch, getToken: () => "t" }).call(ops.tokens.create, { body: { scopes: [], description: "d", user: "u" } });
    expect(r).toEqual({ ok: false, error: { status: 400, code: "INVALID_INPUT", message: "invalid expiry '3x'", field: "expires" } });
  });

  it("reports a 401 to onUnauthenticated", async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch(() => json(401, { error: { code: "UNAUTHENTICATED", message: "invalid or expired token" } }));
    const r = await createApiClient({ fetch, getToken: () => "t", onUnauthenticated }).call(ops.account.whoami, {});
    expect(r.ok).toBe(false);
    expect(onUnauthenticated).toHaveBeenCalledWith(expect.objectContaining({ status: 401, code: "UNAUTHENTICATED" }));
  });

  it("adds the wait to a 429's message", async () => {
    const { fetch } = fakeFetch(() => json(429, { error: { code: "RATE_LIMITED", message: "too many failed attempts" } }, { "retry-after": "30" }));
    const r = await createApiClient({ fetch, getToken: () => "t" }).call(ops.account.whoami, {});
    expect(r).toEqual({ ok: false, error: { status: 429, code: "RATE_LIMITED", message: "too many failed attempts (try again in 30 s)" } });
  });

  it("turns a network failure into NETWORK_ERROR", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    const r = await createApiClient({ fetch, getToken: () => null }).call(ops.account.whoami, {});
    expect(r).toMatchObject({ ok: false, error: { status: 0, code: "NETWORK_ERROR" } });
  });

  it("refuses a 200 that is not JSON, and one off the contract", async () => {
    const html = fakeFetch(() => new Response("<html>proxy login</html>", { status: 200 }));
    expect(await createApiClient({ fetch: html.fetch, getToken: () => null }).call(ops.account.whoami, {})).toMatchObject({ ok: false, error: { code: "BAD_RESPONSE" } });
    const off = fakeFetch(() => json(200, { ...anonymous, kind: "robot" }));
    const r = await createApiClient({ fetch: off.fetch, getToken: () => null }).call(ops.account.whoami, {});
    expect(r).toMatchObject({ ok: false, error: { code: "RESPONSE_SCHEMA", message: expect.stringContaining("kind") } });
  });

  it("reads an answer that keeps to the contract", async () => {
    const { fetch } = fakeFetch(() => json(200, anonymous));
    expect(await createApiClient({ fetch, getToken: () => null }).call(ops.account.whoami, {})).toEqual({ ok: true, value: anonymous });
  });
});
