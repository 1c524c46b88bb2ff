// Shared Vitest preset: every package's tests resolve workspace packages from
// their TypeScript sources (the `source` export condition), so no package has
// to be built before another package's unit tests run.
import { basename } from "node:path";
import { defineProject } from "vitest/config";

/** Project config for one workspace package, named after its folder. */
export function definePackageProject(dir, overrides = {}) {
  return defineProject({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    ...overrides,
    test: {
      name: basename(dir),
      root: dir,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...(overrides.test ?? {}),
      // Every answer of a contract operation is checked against its schema (and servers the
      // tests start inherit it): an answer off the contract fails the test that caused it.
      env: { GATEHOUSE_CHECK_RESPONSES: "1", ...(overrides.test?.env ?? {}) },
    },
  });
}
