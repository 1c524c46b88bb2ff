import { describe, expect, it } from "vitest";
import { chooseSimpleFormat, SIMPLE_HTML_CONTENT_TYPE, SIMPLE_JSON_CONTENT_TYPE } from "../src/index.js";

describe("chooseSimpleFormat", () => {
  it.each([
    [undefined, "html"],
    ["", "html"],
    ["*/*", "html"],
    ["text/html", "html"],
    [SIMPLE_HTML_CONTENT_TYPE, "html"],
    [SIMPLE_JSON_CONTENT_TYPE, "json"],
    ["application/vnd.pypi.simple.latest+json", "json"],
    // pip's header
    ["application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01", "json"],
    ["application/vnd.pypi.simple.v1+json;q=0.2, text/html;q=0.9", "html"],
    ["application/vnd.pypi.simple.v1+json, */*", "json"],
    ["application/vnd.pypi.simple.v1+json;q=0.5, */*;q=0.5", "json"],
    ["application/*", "html"],
    ["application/vnd.pypi.simple.v1+json;q=0, */*", "html"],
    ["text/html;q=0, application/vnd.pypi.simple.v1+json;q=0.1", "json"],
    ["APPLICATION/VND.PYPI.SIMPLE.V1+JSON", "json"],
    ["image/png", "html"],
    ["application/vnd.pypi.simple.v1+json;q=bogus, text/html;q=0.1", "html"],
    ["garbage", "html"],
  ])("%j -> %s", (accept, expected) => {
    expect(chooseSimpleFormat(accept)).toBe(expected);
  });

  it("exports the PEP 691 media types", () => {
    expect(SIMPLE_JSON_CONTENT_TYPE).toBe("application/vnd.pypi.simple.v1+json");
    expect(SIMPLE_HTML_CONTENT_TYPE).toBe("application/vnd.pypi.simple.v1+html");
  });
});
