import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderBiocConfig } from "./bioc-config.js";
import { biocVersionMap, nextBiocVersion, rVersionForBioc } from "./bioc-versions.js";

const hasBiocManager = spawnSync("Rscript", ["-e", "stopifnot(requireNamespace('BiocManager', quietly = TRUE))"]).status === 0;
if (!hasBiocManager && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") throw new Error("Rscript with BiocManager is required (GATEHOUSE_REQUIRE_CLIENTS=1)");

describe("Bioconductor versions", () => {
  it.each([
    ["3.16", "4.2"],
    ["3.20", "4.4"],
    ["3.22", "4.5"],
    ["3.23", "4.6"],
    ["3.24", "4.6"],
    ["2.11", "2.15"],
    ["3.0", "3.1"],
    ["4.0", undefined],
    ["junk", undefined],
  ])("Bioconductor %s is for R %s", (bioc, r) => {
    expect(rVersionForBioc(bioc)).toBe(r);
  });

  it("maps every release up to the last, in order, without gaps after 3.0", () => {
    const map = biocVersionMap("3.25");
    expect(map.at(-1)).toEqual(["3.25", "4.7"]);
    const threes = map.filter(([b]) => b.startsWith("3.")).map(([b]) => Number(b.split(".")[1]));
    expect(threes).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(biocVersionMap("3.16").at(-1)).toEqual(["3.16", "4.2"]);
    expect(nextBiocVersion("3.9")).toBe("3.10");
  });
});

describe("renderBiocConfig", () => {
  it("names release, devel and their R versions, with the map last", () => {
    const text = renderBiocConfig("3.16");
    expect(text).toContain('\nrelease_version: "3.16"\ndevel_version: "3.17"\n');
    expect(text).toContain('r_version_associated_with_release: "4.2.0"\nr_version_associated_with_devel: "4.3.0"\n');
    expect(text.endsWith('  "3.16": "4.2"\n  "3.17": "4.3"\n')).toBe(true);
    expect(text).not.toContain('"3.18"');
  });

  it.runIf(hasBiocManager)("is what BiocManager reads: the release is valid for the R it was made for (real R)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bioc-config-"));
    try {
      for (const [release, r] of [
        ["3.16", "4.2.2"],
        ["3.20", "4.4.1"],
      ] as const) {
        const file = join(dir, `config-${release}.yaml`);
        writeFileSync(file, renderBiocConfig(release));
        const script = [
          "map <- BiocManager:::.version_map()",
          "cat(paste(map$Bioc, map$R, map$BiocStatus, sep = '=', collapse = ' '), '\\n')",
          `cat('valid:', isTRUE(BiocManager:::.version_validity('${release}', map, package_version('${r}'))), '\\n')`,
        ].join("; ");
        const run = spawnSync("Rscript", ["--vanilla", "-e", script], { encoding: "utf8", env: { ...process.env, BIOCONDUCTOR_CONFIG_FILE: file } });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain(`${release}=${r.slice(0, 3)}=release`);
        expect(run.stdout).toContain(`${nextBiocVersion(release)}=`);
        expect(run.stdout).toContain("=future");
        expect(run.stdout).toContain("valid: TRUE");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
