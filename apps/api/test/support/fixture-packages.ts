import { crc32 } from "node:zlib";
import { makeTarGz } from "./make-tar-gz.js";

// Test support: small but real wheels and sdists, built in memory so
// protocol tests need no Python toolchain.

/** One archive member. */
export interface ArchiveMember {
  name: string;
  data: string | Buffer;
}

/** A package file ready to upload. */
export interface BuiltPackage {
  filename: string;
  bytes: Buffer;
}

/** What the fixture package declares about itself. */
export interface FixtureSpec {
  name: string;
  version: string;
  requiresPython?: string;
  requiresDist?: string[];
}

/** Writes a zip of stored (uncompressed) members: enough for wheels and for zip readers. */
export function buildStoredZip(members: readonly ArchiveMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, "utf8");
    const data = Buffer.from(m.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Core metadata text (METADATA / PKG-INFO) for a spec. */
export function coreMetadataOf(spec: FixtureSpec): string {
  const lines = ["Metadata-Version: 2.1", `Name: ${spec.name}`, `Version: ${spec.version}`, `Summary: ${spec.name} for tests`];
  if (spec.requiresPython) lines.push(`Requires-Python: ${spec.requiresPython}`);
  for (const dep of spec.requiresDist ?? []) lines.push(`Requires-Dist: ${dep}`);
  return `${lines.join("\n")}\n\n`;
}

function distName(spec: FixtureSpec): string {
  return spec.name.replace(/[-_.]+/g, "_").toLowerCase();
}

/** A pure-Python wheel (`py3-none-any`) with one module named after the project. */
export function buildWheel(spec: FixtureSpec): BuiltPackage {
  const base = distName(spec);
  const info = `${base}-${spec.version}.dist-info`;
  const members: ArchiveMember[] = [
    { name: `${base}/__init__.py`, data: `VERSION = "${spec.version}"\n` },
    { name: `${info}/METADATA`, data: coreMetadataOf(spec) },
    { name: `${info}/WHEEL`, data: "Wheel-Version: 1.0\nGenerator: gatehouse-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n" },
  ];
  const record = [...members.map((m) => `${m.name},,`), `${info}/RECORD,,`].join("\n");
  members.push({ name: `${info}/RECORD`, data: `${record}\n` });
  return { filename: `${base}-${spec.version}-py3-none-any.whl`, bytes: buildStoredZip(members) };
}

/** An sdist (`.tar.gz`) with PKG-INFO. */
export function buildSdist(spec: FixtureSpec): BuiltPackage {
  const root = `${distName(spec)}-${spec.version}`;
  const bytes = makeTarGz([
    { name: `${root}/PKG-INFO`, data: coreMetadataOf(spec) },
    { name: `${root}/setup.py`, data: "from setuptools import setup\nsetup()\n" },
  ]);
  return { filename: `${root}.tar.gz`, bytes };
}
