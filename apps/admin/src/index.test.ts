import { existsSync } from "node:fs";
import { isAbsolute, join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { locateConsoleAssets } from "./index.js";

describe("locateConsoleAssets", () => {
  it("points at the absolute dist/console folder of this package", () => {
    const dir = locateConsoleAssets();
    expect(isAbsolute(dir)).toBe(true);
    expect(dir.endsWith(join("admin", "dist", "console"))).toBe(true);
    expect(dir).not.toContain(`${sep}src${sep}`);
    expect(existsSync(join(dir, "..", "..", "package.json"))).toBe(true);
  });
});
