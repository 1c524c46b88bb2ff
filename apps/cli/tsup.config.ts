import { readdirSync } from "node:fs";
import { defineConfig } from "tsup";

// One output file per command under dist/commands/: with oclif.manifest.json, oclif imports only the
// command being run (and nothing for --help / --version), so no command pays for another's imports.
const commands = Object.fromEntries(
  readdirSync("src/commands", { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => [`commands/${f.replace(/\.ts$/, "")}`, `src/commands/${f}`]),
);

export default defineConfig({
  // The hook is its own entry: oclif loads it by path (package.json oclif.hooks).
  entry: { bin: "src/bin.ts", index: "src/index.ts", "hooks/command-not-found": "src/hooks/command-not-found.ts", ...commands },
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: false,
  // Bundled, not resolved at run time: zod alone is ~100 ESM files (85 ms to load one by one), ~20 ms as part of a chunk.
  noExternal: ["@oclif/core", "@gatehouse/api-contract", "zod"],
  external: ["typescript", "ts-node", "tsx", "tsx/esm/api"],
  banner: { js: 'import { createRequire as __gatehouseCreateRequire } from "node:module"; const require = __gatehouseCreateRequire(import.meta.url);' },
});
