import { describe, expect, it, vi } from "vitest";
import { buildPath, createApiClient, toFailure } from "./client.js";

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

describe("createApiClient", () => {
  it("sends the token as a Bearer header, never in the URL", async () => {
    const token = `gth-${"a".repeat(46)}`;
    const { fetch, calls } = fakeFetch(() => json(200, { ok: 1 }));
    const api = createApiClient({ fetch, getToken: () => token });
    const r = await api.request("GET", "/__api__/tokens", { query: { expired: "true" } });
    expect(r).toEqual({ ok: true, value: { ok: 1 } });
    expect(calls[0]?.url).toBe("/__api__/tokens?expired=true");
    expect(calls[0]?.url).not.toContain(token);
    expect(new Headers(calls[0]?.init.headers).get("authorization")).toBe(`Bearer ${token}`);
    expect(calls[0]?.init.credentials).toBe("omit");
  });

  it("sends no Authorization header when signed out and JSON bodies with a content type", async () => {
    const { fetch, calls } = fakeFetch(() => json(201, {}));
    const api = createApiClient({ fetch, getToken: () => null });
    await api.request("POST", "/__api__/repos", { body: { name: "pypi" } });
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.has("authorization")).toBe(false);
    expect(headers.get("content-type")).toBe("application/json");
    expect(calls[0]?.init.body).toBe('{"name":"pypi"}');
  });

  it("returns the server's error code, message and field", async () => {
    const { fetch } = fakeFetch(() => json(400, { error: { code: "INVALID_INPUT", message: "invalid expiry '3x'", field: "expires" } }));
    const r = await createApiClient({ fetch, getToken: () => "t" }).request("POST", "/__api__/tokens", { body: {} });
    expect(r).toEqual({ ok: false, error: { status: 400, code: "INVALID_INPUT", message: "invalid expiry '3x'", field: "expires" } });
  });

  it("reports a 401 to onUnauthenticated", async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch(() => json(401, { error: { code: "UNAUTHENTICATED", message: "invalid or expired token" } }));
    const r = await createApiClient({ fetch, getToken: () => "t", onUnauthenticated }).request("GET", "/__api__/whoami");
    expect(r.ok).toBe(false);
    expect(onUnauthenticated).toHaveBeenCalledWith(expect.objectContaining({ status: 401, code: "UNAUTHENTICATED" }));
  });

  it("turns a network failure into NETWORK_ERROR", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    const r = await createApiClient({ fetch, getToken: () => null }).request("GET", "/__api__/whoami");
    expect(r).toMatchObject({ ok: false, error: { status: 0, code: "NETWORK_ERROR" } });
  });

  it("refuses a 200 that is not JSON", async () => {
    const { fetch } = fakeFetch(() => new Response("<html>proxy login</html>", { status: 200 }));
    const r = await createApiClient({ fetch, getToken: () => null }).request("GET", "/__api__/whoami");
    expect(r).toMatchObject({ ok: false, error: { code: "BAD_RESPONSE" } });
  });

  it("accepts an empty success body", async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    expect(await createApiClient({ fetch, getToken: () => null }).request("DELETE", "/x")).toEqual({ ok: true, value: null });
  });
});

describe("toFailure", () => {
  it.each([
    [500, "<html>oops</html>", null, { status: 500, code: "HTTP_500", message: "the server answered 500 without an explanation" }],
    [502, { error: "not our shape" }, null, { status: 502, code: "HTTP_502", message: "the server answered 502 without an explanation" }],
    [429, { error: { code: "RATE_LIMITED", message: "too many failed attempts" } }, "30", { status: 429, code: "RATE_LIMITED", message: "too many failed attempts (try again in 30 s)" }],
    [404, { error: { code: "NOT_FOUND", message: "no repo named 'x'", field: "name" } }, null, { status: 404, code: "NOT_FOUND", message: "no repo named 'x'", field: "name" }],
  ])("maps %d %j", (status, body, retryAfter, expected) => {
    expect(toFailure(status, body, retryAfter)).toEqual(expected);
  });
});

describe("buildPath", () => {
  it("leaves out undefined values and encodes the rest", () => {
    expect(buildPath("/a", { x: undefined })).toBe("/a");
    expect(buildPath("/a", { q: "a b&c", y: "1" })).toBe("/a?q=a+b%26c&y=1");
  });
});
