import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CondaRecord, type RepodataInput, renderChanneldata, renderRepodata } from "../src/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "conda");
const UPDATE = process.env["GATEHOUSE_UPDATE_GOLDEN"] === "1";

function expectGolden(name: string, actual: string): void {
  const path = join(FIXTURES, name);
  if (UPDATE) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function record(name: string, version: string, build: string, extra: Partial<CondaRecord> = {}): CondaRecord {
  return {
    // Deliberately not in sorted order: the renderer sorts keys.
    version,
    name,
    build,
    build_number: Number(build.split("_").at(-1)),
    subdir: "linux-64",
    depends: [],
    constrains: [],
    md5: "0".repeat(32),
    sha256: "f".repeat(64),
    size: 1234,
    ...extra,
  };
}

const INPUT: RepodataInput = {
  subdir: "linux-64",
  records: [
    { filename: "zlib-1.3.1-h4ab18f5_1.conda", format: "conda", record: record("zlib", "1.3.1", "h4ab18f5_1", { license: "Zlib", timestamp: 1716874246000 }) },
    {
      filename: "numpy-1.26.4-py312h8753938_0.tar.bz2",
      format: "tar.bz2",
      record: record("numpy", "1.26.4", "py312h8753938_0", { depends: ["libblas >=3.9.0,<4.0a0", "python >=3.12,<3.13.0a0"], constrains: ["numpy-base <0a0"], license: "BSD-3-Clause", license_family: "BSD" }),
    },
    { filename: "numpy-1.26.4-py312h8753938_0.conda", format: "conda", record: record("numpy", "1.26.4", "py312h8753938_0", { track_features: "" }) },
    { filename: "_libgcc_mutex-0.1-conda_forge.tar.bz2", format: "tar.bz2", record: record("_libgcc_mutex", "0.1", "conda_forge", { build_number: 0 }) },
    { filename: "zlib-1.3.1-h4ab18f5_1.conda", format: "conda", record: record("zlib", "1.3.1", "h4ab18f5_1", { license: "duplicate, dropped" }) },
    { filename: "tzdata-2024a-h0c530f3_0.conda", format: "conda", record: record("tzdata", "2024a", "h0c530f3_0", { noarch: "generic", subdir: "noarch", "unicode ✓": "é" }) },
  ],
};

describe("renderRepodata", () => {
  it("matches the golden repodata.json", () => {
    expectGolden("repodata.golden.json", renderRepodata(INPUT));
  });

  it("renders valid JSON with sorted sections, first record winning per filename", () => {
    const parsed = JSON.parse(renderRepodata(INPUT));
    expect(parsed.info).toEqual({ subdir: "linux-64" });
    expect(parsed.repodata_version).toBe(1);
    expect(parsed.removed).toEqual([]);
    expect(Object.keys(parsed.packages)).toEqual(["_libgcc_mutex-0.1-conda_forge.tar.bz2", "numpy-1.26.4-py312h8753938_0.tar.bz2"]);
    expect(Object.keys(parsed["packages.conda"])).toEqual([
      "numpy-1.26.4-py312h8753938_0.conda",
      "tzdata-2024a-h0c530f3_0.conda",
      "zlib-1.3.1-h4ab18f5_1.conda",
    ]);
    expect(parsed["packages.conda"]["zlib-1.3.1-h4ab18f5_1.conda"].license).toBe("Zlib");
  });

  it("sets base_url and repodata_version 2 as CEP 15 requires", () => {
    const parsed = JSON.parse(renderRepodata({ subdir: "noarch", records: [], baseUrl: "https://files.example.org/noarch/" }));
    expect(parsed).toEqual({
      info: { base_url: "https://files.example.org/noarch/", subdir: "noarch" },
      packages: {},
      "packages.conda": {},
      removed: [],
      repodata_version: 2,
    });
  });

  // Its speed is a benchmark (bench/src/index-render.bench.ts), not a timed test.
  it("renders 100,000 records, each once under its filename", () => {
    const records = Array.from({ length: 100_000 }, (_, i) => ({
      filename: `pkg${i % 997}-1.${i}-h${i}_0.conda`,
      format: "conda" as const,
      record: record(`pkg${i % 997}`, `1.${i}`, `h${i}_0`, { depends: ["python >=3.9", "libzlib >=1.2.13,<2.0a0"], timestamp: 1700000000000 + i }),
    }));
    const text = renderRepodata({ subdir: "linux-64", records });
    const packages = JSON.parse(text)["packages.conda"];
    expect(Object.keys(packages)).toHaveLength(100_000);
    expect(packages["pkg299-1.99999-h99999_0.conda"]).toMatchObject({ name: "pkg299", version: "1.99999", build: "h99999_0" });
  });
});

describe("renderChanneldata", () => {
  const packages = [
    { name: "numpy", version: "1.26.4", subdir: "linux-64", timestamp: 1707225000000, about: { summary: "Array computing", home: "https://numpy.org", license: "BSD-3-Clause" } },
    { name: "numpy", version: "1.26.10", subdir: "osx-arm64", timestamp: 1700000000000, about: { summary: "Newest numpy", home: "https://numpy.org", description: "", tags: ["x"] } },
    { name: "numpy", version: "1.26.10rc1", subdir: "win-64", timestamp: 1710000000000 },
    { name: "tzdata", version: "2024a", subdir: "noarch" },
  ];

  it("matches the golden channeldata.json", () => {
    expectGolden("channeldata.golden.json", renderChanneldata({ subdirs: ["linux-64", "noarch"], packages }));
  });

  it("picks the newest version by conda's order, not by text or upload time", () => {
    const parsed = JSON.parse(renderChanneldata({ subdirs: [], packages }));
    expect(parsed.packages.numpy.version).toBe("1.26.10");
    expect(parsed.packages.numpy.summary).toBe("Newest numpy");
    expect(parsed.packages.numpy.license).toBeUndefined();
    expect(parsed.packages.numpy.timestamp).toBe(1710000000000);
    expect(parsed.packages.numpy.subdirs).toEqual(["linux-64", "osx-arm64", "win-64"]);
    expect(parsed.subdirs).toEqual(["linux-64", "noarch", "osx-arm64", "win-64"]);
    expect(parsed.channeldata_version).toBe(1);
  });
});
