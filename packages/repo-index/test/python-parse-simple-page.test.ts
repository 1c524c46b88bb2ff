import { describe, expect, it } from "vitest";
import { parseSimpleProjectHtml, parseSimpleProjectJson, renderSimpleProjectHtml, renderSimpleProjectJson } from "../src/index.js";

const SHA = "a".repeat(64);

describe("parsing upstream project pages", () => {
  it("reads back what our own renderers write, in both formats", () => {
    const files = [
      { filename: "demo-1.0-py3-none-any.whl", url: "../../files/x/demo-1.0-py3-none-any.whl", sha256: SHA, size: 12, uploadTime: "2026-01-01T00:00:00.000Z", requiresPython: ">=3.8" },
      { filename: "demo-0.9.tar.gz", url: "../../files/y/demo-0.9.tar.gz", sha256: "b".repeat(64), size: 7, uploadTime: "2026-01-01T00:00:00.000Z", yanked: "broken" },
    ];
    const fromHtml = parseSimpleProjectHtml(renderSimpleProjectHtml("demo", files));
    const fromJson = parseSimpleProjectJson(renderSimpleProjectJson("demo", files));
    for (const parsed of [fromHtml, fromJson]) {
      const rows = parsed?.map((f) => [f.filename, f.sha256, f.requiresPython, f.yanked]).sort();
      expect(rows).toEqual([
        ["demo-0.9.tar.gz", "b".repeat(64), null, "broken"],
        ["demo-1.0-py3-none-any.whl", SHA, ">=3.8", null],
      ]);
    }
    expect(fromJson?.find((f) => f.filename.endsWith(".whl"))?.size).toBe(12);
  });

  it("decodes entities, keeps anchors without a hash (sha256 null) and skips empty ones", () => {
    const html = `<a href="https://x/f-1.0.tar.gz" data-requires-python="&gt;=3.9">f-1.0.tar.gz</a><a href="">x</a><a href="y"></a><a href='z.whl#sha256=${SHA.toUpperCase()}' data-yanked>z.whl</a>`;
    expect(parseSimpleProjectHtml(html)).toEqual([
      { filename: "f-1.0.tar.gz", href: "https://x/f-1.0.tar.gz", sha256: null, requiresPython: ">=3.9", yanked: null, size: null },
      { filename: "z.whl", href: `z.whl#sha256=${SHA.toUpperCase()}`, sha256: SHA, requiresPython: null, yanked: "", size: null },
    ]);
  });

  it("says undefined for documents that are not PEP 691 pages", () => {
    for (const text of ["", "not json", "[]", '{"files": 3}', "null"]) expect(parseSimpleProjectJson(text)).toBeUndefined();
    expect(parseSimpleProjectJson('{"files":[{"filename":"a.whl","url":"a.whl","hashes":{"sha256":"zz"}}]}')?.[0]?.sha256).toBeNull();
  });
});
