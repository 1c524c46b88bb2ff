import { definePackageProject } from "@gatehouse/vitest-preset";

// End-to-end tests start real servers and real clients: slower, and run one file at a time
// per worker so ports and CPU are not fought over on a 2-core machine.
export default definePackageProject(import.meta.dirname, {
  test: { include: ["tests/**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, setupFiles: ["support/private-tmp.ts"] },
});
