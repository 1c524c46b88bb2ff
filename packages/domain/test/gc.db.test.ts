import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Actor, type Domain, type GcReport, LOCAL_ACTOR, TokenVerifier, collectGarbage, createRepo, createSource, createToken, listAuditEvents, publishFile, subscribe } from "../src/index.js";
import { reserveBlobs } from "../src/gc/index.js";
import { testDatabases } from "./databases.js";

// Garbage collection on the real database and folder store: what it takes, what it must never take.

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// Real wheels written by python3's zipfile (the inspector reads them for real); `extra` varies the bytes.
const WHEEL_SCRIPT = `
import json, sys, zipfile
for spec in json.loads(sys.stdin.read()):
    base = spec["base"]
    with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(base + ".dist-info/METADATA", "Metadata-Version: 2.1\\nName: " + spec["name"] + "\\nVersion: 1.0\\n" + spec["extra"] + "\\n")
        z.writestr(base + ".dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
        z.writestr(base + ".dist-info/RECORD", "")
`;

/** Wheels `<name>-1.0-py3-none-any.whl`, one per extra metadata line. */
function wheels(name: string, extras: string[]): { filename: string; bytes: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), "gh-gc-wheels-"));
  roots.push(dir);
  const base = `${name.replace(/-/g, "_")}-1.0`;
  const specs = extras.map((extra, i) => ({ out: join(dir, `${i}.whl`), base, name, extra }));
  const run = spawnSync("python3", ["-c", WHEEL_SCRIPT], { input: JSON.stringify(specs), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 could not write wheels: ${run.stderr}`);
  return specs.map((s) => ({ filename: `${base}-py3-none-any.whl`, bytes: readFileSync(s.out) }));
}

async function storedDigests(domain: Domain): Promise<string[]> {
  const out: string[] = [];
  for await (const blob of domain.blobs.list()) out.push(blob.sha256);
  return out.sort();
}

async function referencedDigests(domain: Domain): Promise<string[]> {
  const rows = await domain.db.selectFrom("package_files").select(["sha256", "metadata"]).execute();
  return rows.flatMap((r) => [r.sha256, String(r.metadata.coreMetadataSha256)]).sort();
}

/** Makes a stored blob look written long ago (the minimum age is judged by mtime). */
async function age(domain: Domain & { blobsRoot: string }, sha256: string): Promise<void> {
  const old = new Date(Date.now() - 2 * 3600_000);
  await utimes(join(domain.blobsRoot, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256), old, old);
}

describe.each(testDatabases)("garbage collection on $name", (database) => {
  let domain: Domain & { blobsRoot: string };
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function setUp(): Promise<void> {
    const blobsRoot = mkdtempSync(join(tmpdir(), "gh-gc-"));
    roots.push(blobsRoot);
    domain = Object.assign(await database.open({ storage: { kind: "folder", dir: blobsRoot } }), { blobsRoot });
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python" });
    await createSource(domain, LOCAL_ACTOR, { name: "first", kind: "python" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "first" });
  }

  it("losers of a same-name race delete their own bytes: only the winner's blobs stay, no reservation is left", async () => {
    await setUp();
    const racers = wheels("racer", Array.from({ length: 12 }, (_, i) => `Summary: racer ${i}`));
    expect(new Set(racers.map((r) => r.filename)).size).toBe(1);
    const results = await Promise.allSettled(racers.map((r) => publishFile(domain, LOCAL_ACTOR, { source: "first", filename: r.filename, body: [r.bytes] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "ALREADY_EXISTS" });
    // The winner's wheel and its PEP 658 metadata, nothing of the eleven losers.
    expect(await storedDigests(domain)).toEqual(await referencedDigests(domain));
    expect(await storedDigests(domain)).toHaveLength(2);
    expect(await domain.db.selectFrom("pending_blobs").selectAll().execute()).toEqual([]);
  });

  it("collects unreferenced blobs past the minimum age (dry run first), never referenced, young or reserved ones", async () => {
    await setUp();
    const [wheel] = wheels("kept", [""]);
    if (!wheel) throw new Error("no wheel built");
    await publishFile(domain, LOCAL_ACTOR, { source: "first", filename: wheel.filename, body: [wheel.bytes] });
    const referenced = await referencedDigests(domain);
    const orphan = await domain.blobs.putBytes(Buffer.from("orphan bytes"));
    const young = await domain.blobs.putBytes(Buffer.from("young orphan"));
    const reserved = await domain.blobs.putBytes(Buffer.from("reserved bytes"));
    for (const sha of [...referenced, orphan, reserved]) await age(domain, sha);
    await reserveBlobs(domain, [reserved]);

    const dry = await collectGarbage(domain, LOCAL_ACTOR, { dryRun: true });
    expect(dry.blobs).toEqual({ scanned: 5, kept: 2, removed: 1, bytes: "orphan bytes".length });
    expect(await storedDigests(domain)).toHaveLength(5);

    const real = await collectGarbage(domain, LOCAL_ACTOR, { address: "192.0.2.7" });
    expect(real.blobs).toEqual(dry.blobs);
    // A real run is audited (what it removed), a dry one is not.
    const audited = (await listAuditEvents(domain, LOCAL_ACTOR, { action: "gc" })).map((e) => ({ action: e.action, address: e.address, removed: (e.detail as unknown as GcReport).blobs.removed }));
    expect(audited).toEqual([{ action: "gc.run", address: "192.0.2.7", removed: 1 }]);
    expect(await storedDigests(domain)).toEqual([...referenced, young, reserved].sort());

    // A minimum age of zero takes the young orphan too, still not the reserved one.
    const eager = await collectGarbage(domain, LOCAL_ACTOR, { minAgeMs: 0 });
    expect(eager.blobs).toMatchObject({ removed: 1, bytes: "young orphan".length });
    expect(await storedDigests(domain)).toEqual([...referenced, reserved].sort());
  });

  it("never deletes bytes an upload is committing, even when they were an orphan when the collection began", async () => {
    await setUp();
    // Each round: the wheel's bytes are stored as an orphan, then its upload and a collection race.
    for (let round = 0; round < 8; round++) {
      const [wheel] = wheels(`race-${round}`, [""]);
      if (!wheel) throw new Error("no wheel built");
      await domain.blobs.putBytes(wheel.bytes);
      const [published] = await Promise.all([
        publishFile(domain, LOCAL_ACTOR, { source: "first", filename: wheel.filename, body: [wheel.bytes] }),
        collectGarbage(domain, LOCAL_ACTOR, { minAgeMs: 0 }),
      ]);
      expect(await domain.blobs.stat(published.sha256), `round ${round}`).toEqual({ size: wheel.bytes.length });
    }
    await collectGarbage(domain, LOCAL_ACTOR, { minAgeMs: 0 });
    expect(await storedDigests(domain)).toEqual(await referencedDigests(domain));
  });

  it("needs a global:admin token", async () => {
    await setUp();
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["sources:write"], sources: ["first"], description: "uploader", user: "pat" });
    verifier = new TokenVerifier(domain);
    const verified = await verifier.verify(created.token);
    if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
    const uploader: Actor = verified.actor;
    await expect(collectGarbage(domain, uploader, { dryRun: true })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("global:admin") });
    await expect(collectGarbage(domain, { kind: "anonymous" }, { dryRun: true })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
