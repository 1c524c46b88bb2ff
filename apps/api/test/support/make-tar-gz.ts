import { gzipSync } from "node:zlib";

/** One member of a test tarball: a folder (no data) or a file. */
export interface TarEntry {
  name: string;
  data?: string | Buffer;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, isDir: boolean): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, "utf8");
  h.write(octal(isDir ? 0o755 : 0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136);
  // The checksum is computed with its own field read as spaces.
  h.write("        ", 148);
  h.write(isDir ? "5" : "0", 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

/**
 * Writes a gzipped ustar archive of the given members, in order (test support: names up to 100 bytes).
 * @example makeTarGz([{ name: "foo/" }, { name: "foo/DESCRIPTION", data: "Package: foo\n" }])
 */
export function makeTarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : (e.data ?? Buffer.alloc(0));
    blocks.push(header(e.name, data.length, e.data === undefined));
    if (data.length > 0) blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
