import { describe, expect, it } from "vitest";
import { findBuiltAssets, renderIndexHtml } from "./index-html.js";

describe("findBuiltAssets", () => {
  it("finds the hashed script and stylesheet", () => {
    expect(findBuiltAssets(["index.html", "app-AB12CD.css", "app-EF34GH.js"])).toEqual({ ok: true, value: { script: "app-EF34GH.js", style: "app-AB12CD.css" } });
  });

  it("names what it found when a file is missing", () => {
    const r = findBuiltAssets(["app-EF34GH.js"]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("app-EF34GH.js");
  });
});

describe("renderIndexHtml", () => {
  it("replaces every placeholder with an absolute URL", () => {
    const html = renderIndexHtml('<link href="%STYLE%"><script src="%SCRIPT%"></script><!-- %SCRIPT% -->', { script: "app-1.js", style: "app-1.css" }, "/__admin__/");
    expect(html).toBe('<link href="/__admin__/app-1.css"><script src="/__admin__/app-1.js"></script><!-- /__admin__/app-1.js -->');
  });
});
