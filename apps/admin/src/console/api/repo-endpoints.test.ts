import { describe, expect, it } from "vitest";
import { recordingClient } from "./recording-client.js";
import { createRepo, createSource, listRepos, listSources, setRepoAuthenticated, subscribeRepo } from "./repo-endpoints.js";

const repo = { id: "repo_1", name: "py/x", type: "python", description: "", authenticated: false, sources: ["team"], createdAt: "2026-01-01T00:00:00.000Z" } as const;
const source = { id: "src_1", name: "team", kind: "python", type: "local", upstream: null, upstreamTokenEnv: null, createdAt: "2026-01-01T00:00:00.000Z" } as const;

describe("repo and source endpoints", () => {
  it("lists repos and sources with the contract's paths and unwraps the bodies", async () => {
    const repos = recordingClient({ repos: [repo] });
    expect(await listRepos(repos.api)).toEqual({ ok: true, value: [repo] });
    expect(repos.calls).toEqual([{ method: "GET", path: "/__api__/repos" }]);
    const sources = recordingClient({ sources: [source] });
    expect(await listSources(sources.api)).toEqual({ ok: true, value: [source] });
    expect(sources.calls).toEqual([{ method: "GET", path: "/__api__/sources" }]);
  });

  it("creates, edits and subscribes with the body in JSON and the name encoded in the path", async () => {
    const { api, calls } = recordingClient(repo);
    await createRepo(api, { name: "py/x", type: "python", authenticated: true });
    await setRepoAuthenticated(api, "py/x", false);
    await subscribeRepo(api, "py/x", "team");
    expect(calls).toEqual([
      { method: "POST", path: "/__api__/repos", body: { name: "py/x", type: "python", authenticated: true } },
      { method: "PATCH", path: "/__api__/repos/py%2Fx", body: { authenticated: false } },
      { method: "POST", path: "/__api__/repos/py%2Fx/subscriptions", body: { source: "team" } },
    ]);
    const created = recordingClient(source);
    expect(await createSource(created.api, { name: "team", kind: "python" })).toEqual({ ok: true, value: source });
    expect(created.calls).toEqual([{ method: "POST", path: "/__api__/sources", body: { name: "team", kind: "python" } }]);
  });

  it("refuses an answer off the contract instead of handing it to a view", async () => {
    const { api } = recordingClient({ repos: [{ ...repo, type: "npm" }] });
    expect(await listRepos(api)).toMatchObject({ ok: false, error: { code: "RESPONSE_SCHEMA", message: expect.stringContaining("repos.0.type") } });
  });
});
