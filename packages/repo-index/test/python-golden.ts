import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const FIXTURES = join(import.meta.dirname, "fixtures");

/** Compares text with a reviewed golden file under test/fixtures; UPDATE_GOLDEN=1 rewrites it instead. */
export function expectGolden(relativePath: string, actual: string): void {
  const path = join(FIXTURES, relativePath);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${relativePath} is missing; run the tests locally with UPDATE_GOLDEN=1`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
