import { describe, expect, it } from "vitest";
import { listSourceFiles } from "./file-endpoints.js";
import { createBlocklistRule, deleteBlocklistRule, deleteMetadata, listBlocklistRules, listMetadata, setMetadata } from "./policy-endpoints.js";
import { recordingClient } from "./recording-client.js";

describe("blocklist endpoints", () => {
  it("lists, creates and deletes with the contract's paths and unwraps the bodies", async () => {
    const rule = { id: "blk/1", name: "x", versions: null, repo: null, reason: "r", createdBy: "admin", createdAt: "2025-01-01T00:00:00.000Z" };
    const list = recordingClient({ rules: [rule] });
    expect(await listBlocklistRules(list.api)).toEqual({ ok: true, value: [rule] });
    expect(list.calls[0]).toEqual({ method: "GET", path: "/__api__/blocklist-rules" });

    const create = recordingClient(rule);
    expect(await createBlocklistRule(create.api, { name: "x", reason: "r" })).toEqual({ ok: true, value: rule });
    expect(create.calls[0]).toEqual({ method: "POST", path: "/__api__/blocklist-rules", body: { name: "x", reason: "r" } });

    const remove = recordingClient({ deleted: rule });
    expect(await deleteBlocklistRule(remove.api, "blk/1")).toEqual({ ok: true, value: rule });
    expect(remove.calls[0]).toEqual({ method: "DELETE", path: "/__api__/blocklist-rules/blk%2F1" });
  });

  it("refuses an answer off the contract", async () => {
    const { api } = recordingClient({ rules: [{ id: "blk_1" }] });
    expect(await listBlocklistRules(api)).toMatchObject({ ok: false, error: { code: "RESPONSE_SCHEMA" } });
  });
});

describe("metadata endpoints", () => {
  it.each([
    [{}, "/__api__/metadata"],
    [{ name: "" }, "/__api__/metadata"],
    [{ name: "requests" }, "/__api__/metadata?name=requests"],
  ])("lists with filter %j", async (filter, path) => {
    const { api, calls } = recordingClient({ metadata: [] });
    expect(await listMetadata(api, filter)).toEqual({ ok: true, value: [] });
    expect(calls[0]).toEqual({ method: "GET", path });
  });

  it("puts the value in the body and encodes name and key in the path", async () => {
    const entry = { name: "a-b", key: "own/er", value: "v", updatedAt: "2025-01-01T00:00:00.000Z", updatedBy: "admin" };
    const set = recordingClient(entry);
    expect(await setMetadata(set.api, { name: "a b", key: "own/er", value: "v" })).toEqual({ ok: true, value: entry });
    const remove = recordingClient({ deleted: { name: "a-b", key: "own/er" } });
    expect(await deleteMetadata(remove.api, "a b", "own/er")).toEqual({ ok: true, value: { deleted: { name: "a-b", key: "own/er" } } });
    expect([...set.calls, ...remove.calls]).toEqual([
      { method: "PUT", path: "/__api__/metadata/a%20b/own%2Fer", body: { value: "v" } },
      { method: "DELETE", path: "/__api__/metadata/a%20b/own%2Fer" },
    ]);
  });
});

describe("file endpoints", () => {
  it("lists a source's files, removed ones only when asked", async () => {
    const file = {
      id: "f1",
      source: "in ternal",
      filename: "app-1.0-py3-none-any.whl",
      project: "app",
      name: "app",
      version: "1.0",
      kind: "wheel",
      sha256: "a".repeat(64),
      md5: "b".repeat(32),
      size: 1,
      subdir: null,
      biocVersion: null,
      metadata: {},
      publishedAt: "2025-01-01T00:00:00.000Z",
      removedAt: null,
      yanked: false,
      yankedReason: null,
      labels: [],
    };
    const { api, calls } = recordingClient({ files: [file] });
    expect(await listSourceFiles(api, "in ternal", false)).toEqual({ ok: true, value: [file] });
    await listSourceFiles(api, "in ternal", true);
    expect(calls).toEqual([
      { method: "GET", path: "/__api__/sources/in%20ternal/files" },
      { method: "GET", path: "/__api__/sources/in%20ternal/files?removed=true" },
    ]);
  });
});
