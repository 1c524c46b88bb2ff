import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditEvent, AuthFailureAuditor, TokenVerifier } from "@gatehouse/domain";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type GatehouseApp, createApp } from "../src/app.js";
import { loadConfig } from "../src/env.js";
import { FailureLimiter } from "../src/middleware/failure-limiter.js";
import { REQUEST_ID_HEADER } from "../src/middleware/request-id.js";
import { buildWheel } from "./support/fixture-packages.js";
import { type PythonTestApp, basic, startPythonTestApp, uploadForm } from "./support/python-test-app.js";

// Finding 10: every refused upload or delete leaves an audit row, and the row and the access-log
// line carry the same request id (answered as X-Request-Id).
describe("auditing refused uploads and deletes, with the access log's request id (app.request, no sockets)", () => {
  let t: PythonTestApp;
  let app: GatehouseApp;
  let verifier: TokenVerifier;
  let configDir: string;
  let authFailures: AuthFailureAuditor;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startPythonTestApp();
    // The same domain behind an app whose access log is read by the test.
    verifier = new TokenVerifier(t.domain);
    configDir = mkdtempSync(join(tmpdir(), "gh-refusal-audit-"));
    const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    authFailures = new AuthFailureAuditor(t.domain, { individualPerWindow: 2, flushEveryMs: 0 });
    app = createApp({ domain: t.domain, verifier, config: loadConfig({}, { dataDir: configDir }), logger, limiter: new FailureLimiter(1000, 60_000), authFailures });
  }, 60_000);
  afterAll(async () => {
    await authFailures?.close();
    await verifier?.close();
    await t?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  const eventsOf = (action: string, count: number) =>
    vi.waitFor(async () => {
      const { events } = (await (await t.asAdmin(`/__api__/audit?action=${action}&limit=1000`)).json()) as { events: AuditEvent[] };
      if (events.length < count) throw new Error(`${events.length} of ${count} '${action}' events so far`);
      return events;
    });
  const logOf = (id: string | null) => logLines.find((l) => l.requestId === id);

  it("audits a 409 twine upload, a 403 and a 400 API upload with status, code, reason and request id, never the bytes", async () => {
    const wheel = buildWheel({ name: "refused-pkg", version: "1.0" });
    expect((await app.request("/py/legacy/", { method: "POST", body: uploadForm(wheel), headers: basic(t.tokens.uploader) })).status).toBe(200);
    const conflict = await app.request("/py/legacy/", { method: "POST", body: uploadForm(wheel), headers: { ...basic(t.tokens.uploader), [REQUEST_ID_HEADER]: "proxy-id-409" } }, { address: "10.1.0.1" });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get(REQUEST_ID_HEADER)).toBe("proxy-id-409");
    const forbidden = await app.request(`/__api__/sources/py-local/files/${wheel.filename}`, { method: "PUT", body: wheel.bytes, headers: basic(t.tokens.reader) }, { address: "10.1.0.2" });
    expect(forbidden.status).toBe(403);
    const invalid = await app.request("/__api__/sources/py-local/files/not-a-package.txt", { method: "PUT", body: "hello", headers: basic(t.tokens.uploader) }, { address: "10.1.0.3" });
    expect(invalid.status).toBe(400);

    const events = await eventsOf("upload.refused", 3);
    const byAddress = (a: string) => events.find((e) => e.address === a);
    expect(byAddress("10.1.0.1")).toMatchObject({ outcome: "denied", target: "/py/legacy/", requestId: "proxy-id-409", detail: { status: 409, code: "ALREADY_EXISTS", reason: expect.stringContaining(wheel.filename) } });
    expect(byAddress("10.1.0.2")).toMatchObject({ detail: { status: 403, code: "FORBIDDEN" }, target: `/__api__/sources/py-local/files/${wheel.filename}` });
    expect(byAddress("10.1.0.3")).toMatchObject({ detail: { status: 400, code: expect.any(String) } });
    for (const [res, address] of [[forbidden, "10.1.0.2"], [invalid, "10.1.0.3"]] as const) {
      const id = res.headers.get(REQUEST_ID_HEADER);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(byAddress(address)?.requestId).toBe(id);
      expect(logOf(id)).toMatchObject({ status: res.status, address });
    }
    expect(logOf("proxy-id-409")).toMatchObject({ status: 409, path: "/py/legacy/" });
    // One row per refusal: the 403 is not also an auth.forbidden row.
    const forbiddenRows = (await (await t.asAdmin("/__api__/audit?action=auth.forbidden")).json()) as { events: AuditEvent[] };
    expect(forbiddenRows.events.filter((e) => e.address === "10.1.0.2")).toEqual([]);
    const all = JSON.stringify(events);
    expect(all).not.toContain(t.tokens.uploader);
    expect(all).not.toContain("hello");
  });

  it("audits a refused delete, and replaces an incoming request id that is not sane (or looks like a token)", async () => {
    const gone = await app.request("/__api__/sources/py-local/packages/never-there", { method: "DELETE", headers: { ...basic(t.tokens.reader), [REQUEST_ID_HEADER]: "bad id\twith tab" } }, { address: "10.1.0.4" });
    expect(gone.status).toBeGreaterThanOrEqual(400);
    const id = gone.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = await eventsOf("delete.refused", 1);
    expect(event).toMatchObject({ address: "10.1.0.4", requestId: id, target: "/__api__/sources/py-local/packages/never-there", detail: { status: gone.status } });

    const tokenLike = await app.request("/healthz", { headers: { [REQUEST_ID_HEADER]: t.tokens.reader } });
    expect(tokenLike.headers.get(REQUEST_ID_HEADER)).not.toBe(t.tokens.reader);
    expect(JSON.stringify(logLines)).not.toContain(t.tokens.reader);
  });

  it("folds a flood of bad tokens from one address into counted rows instead of one insert each", async () => {
    const bad = { authorization: `Bearer gth-${"z".repeat(46)}` };
    const answers = await Promise.all(Array.from({ length: 40 }, () => app.request("/py/simple/", { headers: bad }, { address: "10.2.0.1" })));
    expect(answers.every((r) => r.status === 401)).toBe(true);
    const fromFlood = async () => (await eventsOf("auth.failure", 2)).filter((e) => e.address === "10.2.0.1");
    expect(await fromFlood()).toHaveLength(2);
    await authFailures.flush({ all: true });
    const rows = await fromFlood();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ outcome: "denied", target: "/py/simple/", detail: { aggregated: true, count: 38, reasons: { malformed: 38 } } });
  });
});
