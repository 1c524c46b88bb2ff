import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import type { Header } from "tar-stream";

/** A fresh temporary folder for one test file's archives. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export interface ZipMemberSpec {
  name: string;
  data: string | Buffer;
  /** Deflate (default) or store. */
  deflate?: boolean;
}

/** Writes a zip with Python's zipfile module (an independent, real-world writer). */
export function writeZip(path: string, members: readonly ZipMemberSpec[]): void {
  const spec = members.map((m) => ({
    name: m.name,
    data: Buffer.from(m.data).toString("base64"),
    deflate: m.deflate ?? true,
  }));
  const script = [
    "import base64, json, sys, zipfile",
    "path, members = sys.argv[1], json.load(sys.stdin)",
    "with zipfile.ZipFile(path, 'w') as z:",
    "    for m in members:",
    "        method = zipfile.ZIP_DEFLATED if m['deflate'] else zipfile.ZIP_STORED",
    "        z.writestr(zipfile.ZipInfo(m['name']), base64.b64decode(m['data']), compress_type=method)",
  ].join("\n");
  const run = spawnSync("python3", ["-c", script, path], { input: JSON.stringify(spec), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 zipfile failed: ${run.stderr}`);
}

/** Rewrites the declared uncompressed size of a zip member in both headers, as a zip bomb would lie. */
export function patchZipDeclaredSize(path: string, memberName: string, size: number): void {
  const zip = readFileSync(path);
  const name = Buffer.from(memberName);
  // Local file header: size at 22, name length at 26, name at 30. Central directory: 24, 28, 46.
  for (const [signature, sizeAt, nameLenAt, nameAt] of [
    [0x04034b50, 22, 26, 30],
    [0x02014b50, 24, 28, 46],
  ] as const) {
    for (let i = 0; i + nameAt < zip.length; i++) {
      if (zip.readUInt32LE(i) !== signature) continue;
      const len = zip.readUInt16LE(i + nameLenAt);
      if (zip.subarray(i + nameAt, i + nameAt + len).equals(name)) zip.writeUInt32LE(size, i + sizeAt);
    }
  }
  writeFileSync(path, zip);
}

export type TarMemberSpec = Partial<Header> & { name: string; data?: string | Buffer };

/** Builds a .tar.gz with tar-stream, writing names and link targets exactly as given (even hostile ones). */
export async function writeTarGz(path: string, members: readonly TarMemberSpec[]): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const { data, ...header } of members) {
    const body = Buffer.from(data ?? "");
    await new Promise<void>((resolve, reject) => {
      pack.entry({ ...header, size: body.length }, body, (err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
}
