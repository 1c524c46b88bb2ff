import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./index.js";

// oclif answers --help and finds the command to import from oclif.manifest.json alone, so a manifest
// that lags the commands would hide a command, a flag or a changed description. `build` writes it
// (tsup, then scripts/write-manifest.mjs); this test fails when it is missing or stale.
const root = join(import.meta.dirname, "..");
const manifestPath = join(root, "oclif.manifest.json");

interface ManifestCommand {
  id: string;
  summary?: string;
  flags: Record<string, unknown>;
  relativePath: string[];
  isESM: boolean;
}

function readManifest(): Record<string, ManifestCommand> {
  if (!existsSync(manifestPath)) throw new Error("apps/cli/oclif.manifest.json is missing: run `pnpm --filter @gatehouse/cli build`");
  return (JSON.parse(readFileSync(manifestPath, "utf8")) as { commands: Record<string, ManifestCommand> }).commands;
}

/** Command ids as oclif derives them from the files under src/commands (`list/repos.ts` → `list:repos`). */
function commandFiles(): string[] {
  return readdirSync(join(root, "src", "commands"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.replace(/\.ts$/, "").split(/[\\/]/).join(":"))
    .sort();
}

describe("oclif manifest", () => {
  it("lists exactly the commands of src/index.ts, and every file under src/commands is one", () => {
    const ids = Object.keys(COMMANDS).sort();
    expect(commandFiles(), "a command file under src/commands must be listed in COMMANDS of src/index.ts (and only commands live there)").toEqual(ids);
    expect(Object.keys(readManifest()).sort(), "stale manifest: run `pnpm --filter @gatehouse/cli build`").toEqual(ids);
  });

  it("has each command's current flags and summary, and points at its built file", () => {
    const manifest = readManifest();
    for (const [id, command] of Object.entries(COMMANDS)) {
      const entry = manifest[id];
      expect(entry, id).toBeDefined();
      if (!entry) continue;
      const flags = Object.keys({ ...command.baseFlags, ...command.flags }).sort();
      expect(Object.keys(entry.flags).sort(), `flags of ${id} (stale manifest: rebuild)`).toEqual(flags);
      expect(entry.summary, `summary of ${id} (stale manifest: rebuild)`).toBe(command.summary);
      expect(entry.relativePath).toEqual(["dist", "commands", ...id.split(":").slice(0, -1), `${id.split(":").at(-1)}.js`]);
      expect(existsSync(join(root, ...entry.relativePath)), `${entry.relativePath.join("/")} is built`).toBe(true);
      expect(entry.isESM).toBe(true);
    }
  });
});
