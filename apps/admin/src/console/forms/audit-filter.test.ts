import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../api/types.js";
import { auditEventsToCsv, auditEventsToJson, csvField } from "../html/export.js";
import { auditCommand, filterAuditEvents, toAuditLocalFilter, toAuditQuery } from "./audit-filter.js";

const event = (id: number, at: string, target: string | null, detail: Record<string, unknown> = {}): AuditEvent => ({ id, at, actor: "admin", action: "repo.create", target, outcome: "ok", address: null, requestId: null, detail });

describe("audit filters", () => {
  it.each([
    [{}, { limit: 100 }],
    [{ limit: ["500"], action: [" token "] }, { limit: 500, action: "token" }],
    [{ limit: ["7"], actor: ["alice"], since: ["2026-03-01"] }, { limit: 100, actor: "alice", since: "2026-03-01" }],
  ])("maps the form %j to the API query", (values, query) => {
    expect(toAuditQuery(values)).toEqual(query);
  });

  it.each([
    [{ limit: 100 }, "gatehouse audit"],
    [{ limit: 500, action: "auth.", actor: "gth-AbCd…WxYz", since: "2026-03-01" }, 'gatehouse audit --action auth. --actor "gth-AbCd…WxYz" --since 2026-03-01 --limit 500'],
  ])("writes the CLI command for %j", (query, command) => {
    expect(auditCommand(query)).toBe(command);
  });

  const events = [event(3, "2026-03-02T00:00:00.000Z", "repo:pypi"), event(2, "2026-03-01T23:59:59.000Z", "repo:cran"), event(1, "2026-02-01T00:00:00.000Z", null)];
  it.each([
    [{ target: "", until: "" }, [3, 2, 1]],
    [{ target: "PYPI", until: "" }, [3]],
    [{ target: "repo:", until: "2026-03-01" }, [2]],
    [{ target: "", until: "2026-02-28" }, [1]],
    [{ target: "", until: "not a date" }, [3, 2, 1]],
  ])("filters loaded rows by %j", (filter, ids) => {
    expect(filterAuditEvents(events, filter).map((e) => e.id)).toEqual(ids);
  });

  it("reads the page-side filters", () => {
    expect(toAuditLocalFilter({ target: [" repo:pypi "], until: ["2026-03-01"] })).toEqual({ target: "repo:pypi", until: "2026-03-01" });
  });
});

describe("audit export", () => {
  it.each([
    ["plain", "plain"],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["=HYPERLINK(1)", `"'=HYPERLINK(1)"`],
    ["-1", `"'-1"`],
    ["line\nbreak", '"line\nbreak"'],
  ])("quotes CSV field %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("writes a header and one line per event, detail as JSON", () => {
    const csv = auditEventsToCsv([event(1, "2026-03-01T00:00:00.000Z", null, { scopes: ["a"] })]);
    expect(csv.split("\r\n")).toEqual(["id,at,actor,action,target,outcome,address,detail", '1,2026-03-01T00:00:00.000Z,admin,repo.create,,ok,,"{""scopes"":[""a""]}"', ""]);
  });

  it("writes JSON in the API's shape", () => {
    const rows = [event(1, "2026-03-01T00:00:00.000Z", "repo:pypi")];
    expect(JSON.parse(auditEventsToJson(rows))).toEqual({ events: rows });
  });
});
