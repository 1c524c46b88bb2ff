import { describe, expect, it } from "vitest";
import {
  renderSimpleProjectHtml,
  renderSimpleProjectJson,
  renderSimpleRootHtml,
  renderSimpleRootJson,
} from "../src/index.js";
import type { SimpleFile } from "../src/index.js";
import { expectGolden } from "./python-golden.js";

const projects = [{ name: "zope.interface" }, { name: "Django" }, { name: "foo_bar" }, { name: "Foo-Bar" }, { name: "a" }];

const files: SimpleFile[] = [
  { filename: "foo_bar-1.10.tar.gz", url: "../../files/c3/foo_bar-1.10.tar.gz", sha256: "c3".repeat(32), size: 300, uploadTime: "2024-03-01T10:00:00.000000Z" },
  {
    filename: "foo_bar-1.9-py3-none-any.whl",
    url: "../../files/b2/foo_bar-1.9-py3-none-any.whl#ignored",
    sha256: "b2".repeat(32),
    requiresPython: ">=3.8, <4",
    coreMetadataSha256: "d4".repeat(32),
    size: 200,
  },
  { filename: "foo_bar-1.9.tar.gz", url: "https://cdn.example/f?a=1&b=2", sha256: "a1".repeat(32), yanked: 'broken <b>"build"</b>' },
  { filename: "foo_bar-1.10rc1-py3-none-any.whl", url: "x/foo_bar-1.10rc1-py3-none-any.whl", sha256: "e5".repeat(32), yanked: true },
  { filename: "foo_bar-1.0.post1.tar.gz", url: "x/foo_bar-1.0.post1.tar.gz", sha256: "f6".repeat(32), yanked: "" },
];

describe("simple API root", () => {
  it("renders PEP 503 HTML sorted by normalized name, first of duplicates kept", () => {
    const html = renderSimpleRootHtml(projects);
    expectGolden("python/simple-root.html", html);
    expect(html.match(/<a /g)).toHaveLength(4);
  });

  it("renders PEP 691 JSON", () => {
    const json = renderSimpleRootJson(projects);
    expectGolden("python/simple-root.json", json);
    expect(JSON.parse(json)).toEqual({
      meta: { "api-version": "1.1" },
      projects: [{ name: "a" }, { name: "Django" }, { name: "foo_bar" }, { name: "zope.interface" }],
    });
  });

  // Its speed is a benchmark (bench/src/index-render.bench.ts), not a timed test.
  it("renders 100,000 projects in name order, in HTML and JSON", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `Project_${(i * 7919) % 100_000}` }));
    const html = renderSimpleRootHtml(many);
    const json = renderSimpleRootJson(many);
    expect(html.indexOf('href="project-0/"')).toBeLessThan(html.indexOf('href="project-1/"'));
    expect(JSON.parse(json).projects).toHaveLength(100_000);
  });
});

describe("simple API project page", () => {
  it("renders PEP 503 HTML with hashes, requires-python, yanked and core-metadata", () => {
    const html = renderSimpleProjectHtml("foo_bar", files);
    expectGolden("python/simple-project.html", html);
    expect(html).toContain('data-requires-python="&gt;=3.8, &lt;4"');
    expect(html).toContain('data-core-metadata="sha256=');
    expect(html).not.toContain("dist-info-metadata");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("#ignored");
  });

  it("renders PEP 691 JSON (api 1.1) sorted by version then filename", () => {
    const json = renderSimpleProjectJson("Foo_Bar", files);
    expectGolden("python/simple-project.json", json);
    const page = JSON.parse(json);
    expect(json).not.toContain("dist-info-metadata");
    expect(page.name).toBe("foo-bar");
    expect(page.meta).toEqual({ "api-version": "1.1" });
    expect(page.files.map((f: { filename: string }) => f.filename)).toEqual([
      "foo_bar-1.0.post1.tar.gz",
      "foo_bar-1.9-py3-none-any.whl",
      "foo_bar-1.9.tar.gz",
      "foo_bar-1.10rc1-py3-none-any.whl",
      "foo_bar-1.10.tar.gz",
    ]);
    expect(page.versions).toEqual(["1.0.post1", "1.9", "1.10rc1", "1.10"]);
    expect(page.files[1]).toEqual({
      filename: "foo_bar-1.9-py3-none-any.whl",
      url: "../../files/b2/foo_bar-1.9-py3-none-any.whl",
      hashes: { sha256: "b2".repeat(32) },
      "requires-python": ">=3.8, <4",
      yanked: false,
      "core-metadata": { sha256: "d4".repeat(32) },
      size: 200,
    });
    expect(page.files.map((f: { yanked: unknown }) => f.yanked)).toEqual([true, false, 'broken <b>"build"</b>', true, false]);
    expect(page.files[2]["core-metadata"]).toBe(false);
  });

  it("uses the given versions list, sorted and without normalized duplicates", () => {
    const page = JSON.parse(renderSimpleProjectJson("foo", [], ["2.0", "1.0-1", "1.0.post1", "10.0", "bogus"]));
    expect(page.versions).toEqual(["bogus", "1.0-1", "2.0", "10.0"]);
    expect(page.files).toEqual([]);
  });
});
