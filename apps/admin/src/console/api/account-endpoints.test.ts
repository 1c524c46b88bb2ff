import { describe, expect, it } from "vitest";
import { explainAccess, fetchWhoAmI, listAuditEvents } from "./endpoints.js";
import { recordingClient } from "./recording-client.js";
import type { AuditEvent, Explanation, WhoAmI } from "./types.js";

const event: AuditEvent = { id: 7, at: "2026-03-01T09:00:00.000Z", actor: "admin", action: "token.create", target: "token:tok_1", outcome: "ok", address: "127.0.0.1", detail: { scopes: ["repos"] }, requestId: "req_1" };

describe("account and audit endpoints", () => {
  it("asks who the token is, and reads a local operator's answer", async () => {
    const who: WhoAmI = { authenticated: true, kind: "local", user: null, token: null };
    const { api, calls } = recordingClient(who);
    expect(await fetchWhoAmI(api)).toEqual({ ok: true, value: who });
    expect(calls).toEqual([{ method: "GET", path: "/__api__/whoami" }]);
  });

  it("refuses a whoami answer off the contract instead of rendering it", async () => {
    const { api } = recordingClient({ authenticated: true, kind: "token", user: "ci", token: { guid: "g" } });
    const answer = await fetchWhoAmI(api);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe("RESPONSE_SCHEMA");
  });

  it.each([
    [{ limit: 100 }, "/__api__/audit?limit=100"],
    [{ limit: 500, action: "token", actor: "", since: "2026-03-01" }, "/__api__/audit?limit=500&action=token&since=2026-03-01"],
  ])("lists audit events with %j", async (filter, path) => {
    const { api, calls } = recordingClient({ events: [event] });
    expect(await listAuditEvents(api, filter)).toEqual({ ok: true, value: [event] });
    expect(calls).toEqual([{ method: "GET", path }]);
  });

  it("sends the token to explain in the body, never the URL", async () => {
    const verdict: Explanation = { allowed: false, action: "repo:read", resource: { repo: "pypi", repoType: "python" }, grantedBy: null, explanation: "denied", subject: { display: "gth-…7f3a", user: "ci", scopes: [] } };
    const { api, calls } = recordingClient(verdict);
    const request = { token: "gth-secret", action: "repo:read", resource: "repo:pypi" };
    expect(await explainAccess(api, request)).toEqual({ ok: true, value: verdict });
    expect(calls).toEqual([{ method: "POST", path: "/__api__/authorize/explain", body: request }]);
  });
});
