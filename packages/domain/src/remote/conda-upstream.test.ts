import { describe, expect, it } from "vitest";
import { parseRepodata } from "./conda-upstream.js";

const SHA = "b".repeat(64);
const MD5 = "c".repeat(32);
const SUBDIR_URL = "https://conda.example/chan/linux-64/";

function record(name: string, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, version, build: "0", build_number: 0, depends: ["python >=3.8"], md5: MD5, sha256: SHA, size: 123, subdir: "linux-64", ...extra };
}

describe("parseRepodata", () => {
  it("reads packages and packages.conda, keeping only the keys conda expects", () => {
    const doc = {
      info: { subdir: "linux-64" },
      packages: { "app-1.0-0.tar.bz2": record("app", "1.0", { license: "MIT", timestamp: 1, evil: "<script>" }) },
      "packages.conda": { "lib-2.0-0.conda": record("lib", "2.0", { sha256: undefined }) },
    };
    const files = parseRepodata(JSON.stringify(doc), SUBDIR_URL, "linux-64") ?? [];
    expect(files.map((f) => [f.filename, f.project, f.sha256, f.md5, f.url, (f.metadata as { format: string }).format])).toEqual([
      ["app-1.0-0.tar.bz2", "app", SHA, MD5, `${SUBDIR_URL}app-1.0-0.tar.bz2`, "tar.bz2"],
      ["lib-2.0-0.conda", "lib", "", MD5, `${SUBDIR_URL}lib-2.0-0.conda`, "conda"],
    ]);
    const app = (files[0]?.metadata as { record: Record<string, unknown> }).record;
    expect(app).toMatchObject({ license: "MIT", timestamp: 1, depends: ["python >=3.8"], constrains: [], size: 123 });
    expect(app).not.toHaveProperty("evil");
    // A record without sha256 is served without one (an empty digest would fail clients' checks).
    expect((files[1]?.metadata as { record: Record<string, unknown> }).record).not.toHaveProperty("sha256");
  });

  it("skips records that do not describe their own file or cannot be verified", () => {
    const doc = {
      packages: {
        "app-1.0-0.tar.bz2": record("other", "1.0"),
        "lib-1.0-0.tar.bz2": record("lib", "1.0", { md5: undefined, sha256: undefined }),
        "bad-1.0-0.tar.bz2": record("bad", "1.0", { depends: "python" }),
        "pkg-1.0-0.conda": record("pkg", "1.0"),
      },
    };
    expect(parseRepodata(JSON.stringify(doc), SUBDIR_URL, "linux-64")).toEqual([]);
  });

  it("fetches from info.base_url when the channel sets one", () => {
    const doc = { info: { base_url: "https://cdn.example/files" }, packages: { "app-1.0-0.tar.bz2": record("app", "1.0") } };
    expect(parseRepodata(JSON.stringify(doc), SUBDIR_URL, "linux-64")?.[0]?.url).toBe("https://cdn.example/files/app-1.0-0.tar.bz2");
  });

  it.each([["not json"], ["[1,2]"], ['{"packages": 3}'], ["{}"]])("is undefined for %s", (text) => {
    expect(parseRepodata(text, SUBDIR_URL, "linux-64")).toBeUndefined();
  });
});
