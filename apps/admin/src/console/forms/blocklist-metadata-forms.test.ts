import { describe, expect, it } from "vitest";
import { createBlocklistRuleCommand, deleteBlocklistRuleCommand, toCreateBlocklistRuleRequest } from "./blocklist-form.js";
import { listMetadataCommand, removeMetadataCommand, setMetadataCommand, toMetadataFilter, toSetMetadataRequest } from "./metadata-form.js";

describe("toCreateBlocklistRuleRequest", () => {
  it.each([
    [{ name: [" requests "], versions: ["<2.32"], repo: ["pypi"], reason: [" CVE-2024-35195 "] }, { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" }],
    [{ name: ["leftpad"], versions: [" "], repo: [""], reason: ["withdrawn"] }, { name: "leftpad", reason: "withdrawn" }],
    [{ name: ["x"], versions: [">>>"], repo: ["pypi"], reason: [""] }, { name: "x", versions: ">>>", repo: "pypi", reason: "" }],
    [{}, { name: "", reason: "" }],
  ])("maps %j", (values, expected) => {
    expect(toCreateBlocklistRuleRequest(values)).toEqual(expected);
  });
});

describe("blocklist CLI commands", () => {
  it.each([
    [{ name: "", reason: "" }, "gatehouse create blocklist-rule --name PACKAGE --reason REASON"],
    [{ name: "leftpad", reason: "withdrawn upstream" }, `gatehouse create blocklist-rule --name leftpad --reason "withdrawn upstream"`],
    [
      { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" },
      `gatehouse create blocklist-rule --name requests --versions "<2.32" --repo pypi --reason CVE-2024-35195`,
    ],
    [{ name: "BiocGenerics", versions: "(>= 0.40)", repo: "bioc", reason: "broken $build" }, `gatehouse create blocklist-rule --name BiocGenerics --versions "(>= 0.40)" --repo bioc --reason 'broken $build'`],
  ])("create %j", (request, expected) => {
    expect(createBlocklistRuleCommand(request)).toBe(expected);
  });

  it("delete names the rule id", () => {
    expect(deleteBlocklistRuleCommand("blk_01J")).toBe("gatehouse delete blocklist-rule --id blk_01J");
  });
});

describe("toSetMetadataRequest", () => {
  it.each([
    [{ name: [" requests"], key: ["owner "], value: ["platform team"] }, { name: "requests", key: "owner", value: "platform team" }],
    [{ name: ["a"], key: ["advisory"], value: ["  line one\nline two"] }, { name: "a", key: "advisory", value: "  line one\nline two" }],
    [{}, { name: "", key: "", value: "" }],
  ])("maps %j", (values, expected) => {
    expect(toSetMetadataRequest(values)).toEqual(expected);
  });
});

describe("metadata filter and CLI commands", () => {
  it.each([
    [{ name: [" requests "] }, { name: "requests" }, "gatehouse list metadata --name requests"],
    [{ name: [""] }, {}, "gatehouse list metadata"],
    [{}, {}, "gatehouse list metadata"],
  ])("filter %j", (values, filter, command) => {
    expect(toMetadataFilter(values)).toEqual(filter);
    expect(listMetadataCommand(toMetadataFilter(values))).toBe(command);
  });

  it.each([
    [{ name: "", key: "", value: "" }, "gatehouse set metadata --name PACKAGE --key KEY --value VALUE"],
    [{ name: "requests", key: "owner", value: "platform-team" }, "gatehouse set metadata --name requests --key owner --value platform-team"],
    [{ name: "requests", key: "advisory", value: "see GHSA-9wx4 <today>" }, `gatehouse set metadata --name requests --key advisory --value "see GHSA-9wx4 <today>"`],
  ])("set %j", (request, expected) => {
    expect(setMetadataCommand(request)).toBe(expected);
  });

  it("remove is set with an empty value, as the CLI does it", () => {
    expect(removeMetadataCommand("requests", "owner")).toBe(`gatehouse set metadata --name requests --key owner --value ""`);
  });
});
