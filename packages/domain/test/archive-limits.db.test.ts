import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, listSourceFiles, publishFile, subscribe } from "../src/index.js";
import type { DomainSettings } from "../src/context.js";
import { testDatabases } from "./databases.js";

// An uncompressed tar holding foo-1.0/PKG-INFO, written by python3's tarfile.
function pkgInfoTar(): Buffer {
  const script = `
import io, sys, tarfile
data = b"Metadata-Version: 2.1\\nName: foo\\nVersion: 1.0\\n"
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w") as tar:
    info = tarfile.TarInfo("foo-1.0/PKG-INFO")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))
sys.stdout.buffer.write(buf.getvalue())
`;
  const run = spawnSync("python3", ["-c", script]);
  if (run.status !== 0) throw new Error(`python3 could not write the tar: ${String(run.stderr)}`);
  return run.stdout;
}

describe.each(testDatabases)("archive limits on publish on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  async function setUp(settings: Partial<DomainSettings> = {}): Promise<void> {
    domain = await database.open({ settings });
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
    await createSource(domain, LOCAL_ACTOR, { name: "first", kind: "python" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "first" });
  }
  const publish = (filename: string, bytes: Buffer) => publishFile(domain, LOCAL_ACTOR, { source: "first", filename, body: [bytes] });

  it("refuses an sdist that inflates far past its size (zeros after the tar's end) as INVALID_INPUT naming the bomb", async () => {
    await setUp();
    // 64 MiB of zeros gzip to about 300 KB: far past what a tar may hold outside its members (4 MiB).
    const bomb = gzipSync(Buffer.concat([pkgInfoTar(), Buffer.alloc(64 * 1024 * 1024)]), { level: 1 });
    await expect(publish("foo-1.0.tar.gz", bomb)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "file",
      message: expect.stringMatching(/^foo-1\.0\.tar\.gz: .*decompression bomb/),
    });
    expect(await listSourceFiles(domain, LOCAL_ACTOR, { source: "first" })).toEqual([]);
  });

  it("reads archives within the limits of its settings", async () => {
    await setUp({ archiveLimits: { maxMetadataBytes: 16 } });
    const sdist = gzipSync(pkgInfoTar());
    await expect(publish("foo-1.0.tar.gz", sdist)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("16-byte limit"),
    });
    await domain.close();
    await setUp();
    await expect(publish("foo-1.0.tar.gz", sdist)).resolves.toMatchObject({ filename: "foo-1.0.tar.gz", version: "1.0" });
  });
});
