import { describe, expect, it } from "vitest";
import { contentTypeOfPythonFile } from "./content-type.js";
import { chooseSimpleContentType } from "./simple-pages.js";

describe("contentTypeOfPythonFile", () => {
  it.each([
    ["foo-1.0-py3-none-any.whl", "application/zip"],
    ["foo-1.0.zip", "application/zip"],
    ["foo-1.0.tar.gz", "application/gzip"],
    ["foo-1.0.tar.bz2", "application/x-bzip2"],
    ["foo-1.0.egg", "application/octet-stream"],
  ])("%s is served as %s", (filename, type) => {
    expect(contentTypeOfPythonFile(filename)).toBe(type);
  });
});

describe("chooseSimpleContentType", () => {
  it.each([
    [undefined, "text/html; charset=utf-8"],
    ["text/html,application/xhtml+xml,*/*;q=0.8", "text/html; charset=utf-8"],
    ["application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01", "application/vnd.pypi.simple.v1+json"],
    ["application/vnd.pypi.simple.v1+html", "application/vnd.pypi.simple.v1+html"],
    ["application/vnd.pypi.simple.latest+json", "application/vnd.pypi.simple.v1+json"],
  ])("Accept %s → %s", (accept, type) => {
    expect(chooseSimpleContentType(accept)).toBe(type);
  });
});
