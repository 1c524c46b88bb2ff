import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type InMemoryApp, openInMemoryApp } from "./in-memory-app.js";

// Test support: an app over an in-memory domain, and real .tar.bz2 conda packages
// written with python3's tarfile (the upload inspector reads them for real).

/** A conda package built for a test. */
export interface BuiltCondaPackage {
  filename: string;
  bytes: Buffer;
}

const TAR_SCRIPT = `
import io, json, sys, tarfile
spec = json.loads(sys.stdin.read())
with tarfile.open(spec["out"], "w:bz2") as tar:
    for name, text in spec["members"]:
        data = text.encode()
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`;

/** Writes `<name>-<version>-0.tar.bz2` for `subdir` with the given depends (test support). */
export function buildCondaPackage(spec: { name: string; version: string; subdir?: string; depends?: string[]; summary?: string }): BuiltCondaPackage {
  const dir = mkdtempSync(join(tmpdir(), "gh-conda-pkg-"));
  try {
    const filename = `${spec.name}-${spec.version}-0.tar.bz2`;
    const subdir = spec.subdir ?? "noarch";
    const index = { name: spec.name, version: spec.version, build: "0", build_number: 0, subdir, depends: spec.depends ?? [], license: "MIT", timestamp: 1_700_000_000_000 };
    const members = [
      ["info/index.json", JSON.stringify(index)],
      ["info/about.json", JSON.stringify({ summary: spec.summary ?? `${spec.name} for tests`, home: "https://example.com" })],
      [`share/${spec.name}.txt`, `${spec.name} ${spec.version}\n`],
    ];
    const out = join(dir, filename);
    const run = spawnSync("python3", ["-c", TAR_SCRIPT], { input: JSON.stringify({ out, members }), encoding: "utf8" });
    if (run.status !== 0) throw new Error(`python3 could not write ${filename}: ${run.stderr}`);
    return { filename, bytes: readFileSync(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An app over a fresh in-memory domain with a settable clock (test support). */
export interface CondaTestApp extends InMemoryApp {
  /** Sends JSON as the local operator and fails the test on an error status. */
  adminJson<T>(method: string, path: string, body: unknown): Promise<T>;
}

/** Opens a conda test app (test support). */
export async function openCondaTestApp(): Promise<CondaTestApp> {
  const t = await openInMemoryApp({ tempPrefix: "gh-conda-app-", start: new Date("2026-03-01T10:00:00Z") });
  return {
    ...t,
    async adminJson<T>(method: string, path: string, body: unknown): Promise<T> {
      const res = await t.asAdmin(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
