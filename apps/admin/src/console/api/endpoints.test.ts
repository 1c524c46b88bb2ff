import { describe, expect, it } from "vitest";
import { recordingClient } from "./recording-client.js";
import { createBlocklistRule, deleteBlocklistRule, deleteMetadata, listBlocklistRules, listMetadata, setMetadata } from "./policy-endpoints.js";

describe("blocklist endpoints", () => {
  it("lists, creates and deletes with the API's paths and unwraps the bodies", async () => {
    const rule = { id: "blk/1", name: "x", versions: null, repo: null, reason: "r", createdBy: "admin", createdAt: "2025-01-01T00:00:00.000Z" };
    const list = recordingClient({ rules: [rule] });
    expect(await listBlocklistRules(list.api)).toEqual({ ok: true, value: [rule] });
    expect(list.calls[0]).toEqual({ method: "GET", path: "/__api__/blocklist-rules" });

    const create = recordingClient(rule);
    await createBlocklistRule(create.api, { name: "x", reason: "r" });
    expect(create.calls[0]).toEqual({ method: "POST", path: "/__api__/blocklist-rules", options: { body: { name: "x", reason: "r" } } });

    const remove = recordingClient({ deleted: rule });
    expect(await deleteBlocklistRule(remove.api, "blk/1")).toEqual({ ok: true, value: rule });
    expect(remove.calls[0]?.path).toBe("/__api__/blocklist-rules/blk%2F1");
  });
});

describe("metadata endpoints", () => {
  it.each([
    [{}, undefined],
    [{ name: "" }, undefined],
    [{ name: "requests" }, "requests"],
  ])("lists with filter %j", async (filter, name) => {
    const { api, calls } = recordingClient({ metadata: [] });
    expect(await listMetadata(api, filter)).toEqual({ ok: true, value: [] });
    expect(calls[0]).toEqual({ method: "GET", path: "/__api__/metadata", options: { query: { name } } });
  });

  it("puts the value in the body and encodes name and key in the path", async () => {
    const { api, calls } = recordingClient({});
    await setMetadata(api, { name: "a b", key: "own/er", value: "v" });
    await deleteMetadata(api, "a b", "own/er");
    expect(calls).toEqual([
      { method: "PUT", path: "/__api__/metadata/a%20b/own%2Fer", options: { body: { value: "v" } } },
      { method: "DELETE", path: "/__api__/metadata/a%20b/own%2Fer" },
    ]);
  });
});
