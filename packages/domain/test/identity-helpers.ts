import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { type Actor, type Domain, LOCAL_ACTOR, type TokenVerifier, createToken, publishFile } from "../src/index.js";

// Real wheels, written with python3's zipfile (the inspector reads them for real).
const ZIP_SCRIPT = `
import json, sys, zipfile
spec = json.loads(sys.stdin.read())
with zipfile.ZipFile(spec["out"], "w") as z:
    for name, text in spec["members"]:
        z.writestr(name, text)
`;

/** Builds a minimal valid wheel of a project version. */
export function buildWheel(name: string, version: string): { filename: string; bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "gh-identity-wheel-"));
  try {
    const dist = name.replace(/[-.]+/g, "_");
    const filename = `${dist}-${version}-py3-none-any.whl`;
    const out = join(dir, filename);
    const info = `${dist}-${version}.dist-info`;
    const members = [
      [`${dist}/__init__.py`, ""],
      [`${info}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: ${name} for tests\n`],
      [`${info}/WHEEL`, "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"],
      [`${info}/RECORD`, ""],
    ];
    const run = spawnSync("python3", ["-c", ZIP_SCRIPT], { input: JSON.stringify({ out, members }), encoding: "utf8" });
    if (run.status !== 0) throw new Error(`python3 could not write ${filename}: ${run.stderr}`);
    return { filename, bytes: readFileSync(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Publishes a freshly built wheel into a source as the given actor. */
export async function publishWheel(domain: Domain, actor: Actor, source: string, name: string, version: string): Promise<void> {
  const wheel = buildWheel(name, version);
  await publishFile(domain, actor, { source, filename: wheel.filename, body: Readable.from([wheel.bytes]) });
}

/** Creates a token for a user and returns the actor the server would see for it. */
export async function actorWith(domain: Domain, verifier: TokenVerifier, user: string, scopes: string[], extra: { sources?: string[] } = {}): Promise<Actor> {
  const created = await createToken(domain, LOCAL_ACTOR, {
    scopes,
    description: `${user} test token`,
    user,
    ...(extra.sources ? { sources: extra.sources } : {}),
  });
  const verified = await verifier.verify(created.token);
  if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
  return verified.actor;
}
