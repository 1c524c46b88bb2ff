import { defineConfig } from "vitest/config";

// One run over every workspace project, so the suite ends with one summary.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "e2e"],
    reporters: ["default", "@gatehouse/vitest-preset/summary-reporter"],
  },
});
