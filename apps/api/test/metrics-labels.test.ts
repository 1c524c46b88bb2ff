// /metrics labels requests by route template (what Hono matched), method and status class, so
// no token, repo or package name ever becomes a label value.
import { LOCAL_ACTOR, createRepo, createSource, createToken, subscribe } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

let t: InMemoryApp;
let token = "";

beforeAll(async () => {
  t = await openInMemoryApp({ tempPrefix: "gh-metrics-" });
  await createSource(t.domain, LOCAL_ACTOR, { name: "secretsrc", kind: "python" });
  await createRepo(t.domain, LOCAL_ACTOR, { name: "secretrepo", type: "python", authenticated: true });
  await subscribe(t.domain, LOCAL_ACTOR, { repo: "secretrepo", source: "secretsrc" });
  token = (await createToken(t.domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["secretrepo"], description: "m", user: "mel" })).token;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("/metrics", () => {
  it("labels requests by route template, never by path, token or name", async () => {
    const bearer = { headers: { Authorization: `Bearer ${token}` } };
    expect((await t.app.request("/__api__/whoami", bearer)).status).toBe(200);
    await t.app.request("/secretrepo/simple/hiddenproject/", bearer);
    await t.app.request(`/t/${token}/secretrepo/simple/`);
    const text = await (await t.app.request("/metrics")).text();
    const lines = text.split("\n").filter((l) => l.startsWith("gatehouse_http_requests_total{"));
    expect(lines.some((l) => l.includes('route="/__api__/whoami"') && l.includes('method="GET"') && l.includes('status="2xx"'))).toBe(true);
    expect(lines.some((l) => /route="\/:[a-z]+\/\*"/.test(l))).toBe(true);
    for (const secret of [token, "secretrepo", "hiddenproject", "mel"]) expect(text).not.toContain(secret);
  });
});
