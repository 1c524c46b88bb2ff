import { describe, expect, it } from "vitest";
import { toCreateRepoRequest, toCreateSourceRequest, toExplainRequest } from "./admin-forms.js";
import { readFields } from "./form-values.js";
import { toCreateTokenRequest, toResourceList } from "./token-form.js";

describe("toResourceList", () => {
  it.each([
    ["", undefined],
    ["   ", undefined],
    ["*", "*"],
    [" * ", "*"],
    ["pypi", ["pypi"]],
    ["pypi, cran", ["pypi", "cran"]],
    ["pypi cran,,bioc ", ["pypi", "cran", "bioc"]],
  ])("reads %j", (text, expected) => {
    expect(toResourceList(text)).toEqual(expected);
  });
});

describe("toCreateTokenRequest", () => {
  it("maps every field and trims text", () => {
    const request = toCreateTokenRequest({
      scopes: ["repos:read", "sources:write"],
      repos: ["pypi, cran"],
      sources: ["*"],
      expires: [" 30d "],
      description: ["  CI installs "],
      user: ["ci@example.com "],
    });
    expect(request).toEqual({ scopes: ["repos:read", "sources:write"], repos: ["pypi", "cran"], sources: "*", expires: "30d", description: "CI installs", user: "ci@example.com" });
  });

  it("leaves out empty optional fields so the server applies its defaults", () => {
    expect(toCreateTokenRequest({ scopes: ["global:admin"], repos: [""], sources: [], expires: [""], description: ["x"], user: ["u"] })).toEqual({
      scopes: ["global:admin"],
      description: "x",
      user: "u",
    });
  });

  it("passes invalid values through for the server to explain", () => {
    const request = toCreateTokenRequest({ scopes: [], expires: ["3x"], description: [""], user: [""] });
    expect(request).toEqual({ scopes: [], expires: "3x", description: "", user: "" });
  });
});

describe("toCreateRepoRequest", () => {
  it.each([
    [{ name: ["pypi "], type: ["python"], description: [""], authenticated: [""] }, { name: "pypi", type: "python" }],
    [{ name: ["cran"], type: ["r"], description: ["Team R"], authenticated: ["true"] }, { name: "cran", type: "r", description: "Team R", authenticated: true }],
    [{ name: ["c"], type: ["conda"], authenticated: ["false"] }, { name: "c", type: "conda", authenticated: false }],
  ])("maps %j", (values, expected) => {
    expect(toCreateRepoRequest(values)).toEqual(expected);
  });
});

describe("toCreateSourceRequest", () => {
  it("maps name and kind", () => {
    expect(toCreateSourceRequest({ name: [" py-local"], kind: ["python"] })).toEqual({ name: "py-local", kind: "python" });
  });
  it("adds the upstream of a remote source, and leaves an empty one out (a local source)", () => {
    expect(toCreateSourceRequest({ name: ["cran"], kind: ["r"], upstream: [" https://cloud.r-project.org/ "] })).toEqual({ name: "cran", kind: "r", upstream: "https://cloud.r-project.org/" });
    expect(toCreateSourceRequest({ name: ["local"], kind: ["r"], upstream: [""] })).toEqual({ name: "local", kind: "r" });
  });
});

describe("toExplainRequest", () => {
  const token = `gth-${"A".repeat(46)}`;
  it.each([
    [{ subject: [token], action: ["repo:read"], resource: ["repo:pypi"] }, { token, action: "repo:read", resource: "repo:pypi" }],
    [{ subject: ["0d9c7a3e-guid"], action: ["api:read"], resource: [""] }, { guid: "0d9c7a3e-guid", action: "api:read", resource: "" }],
    [{ subject: [" "], action: ["tokens:manage"], resource: [] }, { action: "tokens:manage", resource: "" }],
  ])("maps %j", (values, expected) => {
    expect(toExplainRequest(values)).toEqual(expected);
  });
});

describe("readFields", () => {
  it("drops blank values and missing fields", () => {
    expect(readFields({ a: [" x ", "", "  "] }, "a")).toEqual(["x"]);
    expect(readFields({}, "a")).toEqual([]);
  });
});
