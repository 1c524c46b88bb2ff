import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "tsup";
import { findBuiltAssets, renderIndexHtml } from "./src/build/index-html.js";

const consoleOut = "dist/console";

// Written after the bundle so it can name the hashed files, which the server caches forever.
async function writeIndexHtml(): Promise<void> {
  const found = findBuiltAssets(readdirSync(consoleOut));
  if (!found.ok) throw new Error(found.error.message);
  const template = readFileSync("src/console/index.html", "utf8");
  writeFileSync(join(consoleOut, "index.html"), renderIndexHtml(template, found.value, "/__admin__/"));
}

export default defineConfig([
  {
    // Node entry: tells the API where the built console lives.
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: true,
    // tsup deletes `**/*` minus these patterns: keep the console, which the other config builds in parallel.
    clean: ["!console", "!console/**"],
  },
  {
    // The browser bundle: one script and one stylesheet, everything inlined, no CDN.
    entry: { app: "src/console/main.ts" },
    outDir: consoleOut,
    format: ["esm"],
    target: "chrome110",
    platform: "browser",
    minify: true,
    clean: true,
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.entryNames = "[name]-[hash]";
      options.conditions = ["source"];
    },
    onSuccess: writeIndexHtml,
  },
]);
