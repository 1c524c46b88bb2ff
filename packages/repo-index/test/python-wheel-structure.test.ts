// Wheels built byte by byte, so each can be made ambiguous in exactly one way.
import { crc32 } from "node:zlib";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePythonFilename, readPythonMetadata } from "../src/index.js";
import { makeTempDir } from "./python-archives.js";

interface Member {
  name: string;
  data: string;
  /** The name written in the local header, when it should differ from the directory's. */
  localName?: string;
}

/** A stored (uncompressed) zip: local headers and data, central directory, end record. */
function buildZip(members: readonly Member[]): { body: Buffer; directory: Buffer; end: Buffer } {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data = Buffer.from(m.data);
    const name = Buffer.from(m.name);
    const localName = Buffer.from(m.localName ?? m.name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(localName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const entry = Buffer.concat([local, localName, data]);
    locals.push(entry);
    centrals.push(Buffer.concat([central, name]));
    offset += entry.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return { body: Buffer.concat(locals), directory, end };
}

const metadata = (name: string) => `Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Dist: ${name}\n`;
const members: Member[] = [
  { name: "foo/__init__.py", data: "" },
  { name: "foo-1.0.dist-info/WHEEL", data: "Wheel-Version: 1.0\n" },
  { name: "foo-1.0.dist-info/METADATA", data: metadata("safe-dep") },
  { name: "foo-1.0.dist-info/RECORD", data: "" },
];

let dir = "";
beforeAll(() => {
  dir = makeTempDir("wheel-structure");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(bytes: Buffer) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.whl`);
  writeFileSync(path, bytes);
  const parsed = parsePythonFilename("foo-1.0-py3-none-any.whl");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readPythonMetadata(path, parsed.value);
}

const whole = (zip: ReturnType<typeof buildZip>) => Buffer.concat([zip.body, zip.directory, zip.end]);

describe("wheels that readers would read differently are refused", () => {
  it("reads the hand-built wheel (the builder is sound)", async () => {
    expect(await read(whole(buildZip(members)))).toMatchObject({ ok: true, value: { requiresDist: ["safe-dep"] } });
  });

  it.each([
    ["two METADATA members (zipfile reads the last one)", whole(buildZip([...members, { name: "foo-1.0.dist-info/METADATA", data: metadata("evil-dep") }])), /twice/],
    [
      "a local header naming another file than the directory",
      whole(buildZip(members.map((m) => (m.name.endsWith("RECORD") ? { ...m, localName: "foo-1.0.dist-info/EVIL" } : m)))),
      /local header/,
    ],
    ["trailing data after the end record", Buffer.concat([whole(buildZip(members)), Buffer.from("junk")]), /data after/],
    [
      "two end records",
      (() => {
        const zip = buildZip(members);
        return Buffer.concat([zip.body, zip.directory, zip.end, zip.end]);
      })(),
      /more than one end/,
    ],
    ["data prepended before the first member", Buffer.concat([Buffer.from("prefix"), whole(buildZip(members))]), /central directory does not end/],
  ])("%s", async (_, bytes, message) => {
    expect(await read(bytes)).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID", message: expect.stringMatching(message) } });
  });
});
