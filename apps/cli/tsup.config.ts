import { defineConfig } from "tsup";

export default defineConfig({
  // The hook is its own entry: oclif loads it by path (package.json oclif.hooks).
  entry: { index: "src/index.ts", "hooks/command-not-found": "src/hooks/command-not-found.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: false,
});
