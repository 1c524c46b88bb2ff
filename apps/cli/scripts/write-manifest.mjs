// Writes oclif.manifest.json from the built commands (what `oclif manifest` does, without the
// oclif dev tool's dependencies). With it, oclif reads every command's id, flags and help from one
// JSON file and imports only the command that runs. Run by `build` after tsup, so the two never
// disagree; apps/cli/src/manifest.test.ts checks it against the commands in src.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Plugin } from "@oclif/core";

const root = join(import.meta.dirname, "..");
const plugin = new Plugin({ root, type: "core", isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
await plugin.load();
const ids = Object.keys(plugin.manifest.commands);
if (ids.length === 0) throw new Error("no commands found under dist/commands: did tsup run?");
writeFileSync(join(root, "oclif.manifest.json"), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
process.stdout.write(`oclif.manifest.json: ${ids.length} commands\n`);
