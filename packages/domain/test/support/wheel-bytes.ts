import { crc32, deflateRawSync } from "node:zlib";

/** One small, valid wheel built in memory. */
export interface WheelBytes {
  filename: string;
  bytes: Buffer;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * A zip of deflated members, the way Python's zipfile writes one (no data descriptors,
 * no extras): small enough to build thousands per second, real enough for the inspector.
 */
export function zipBytes(members: readonly (readonly [string, string])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of members) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(text, "utf8");
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    // version, flags (UTF-8 names), method 8 (deflate), time, date, crc, sizes, name length, extra length
    const common = [u16(20), u16(0x0800), u16(8), u16(0), u16(0x21), u32(crc), u32(packed.length), u32(data.length), u16(nameBytes.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, nameBytes, packed]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(members.length), u16(members.length), u32(central.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, central, end]);
}

/**
 * A minimal pure-Python wheel of `name` `version` (METADATA, WHEEL, RECORD and one module).
 *
 * @example const { filename, bytes } = wheelBytes("demo-pkg", "1.0"); // demo_pkg-1.0-py3-none-any.whl
 */
export function wheelBytes(name: string, version: string, extraMetadata = ""): WheelBytes {
  const dist = name.replace(/[-.]+/g, "_").toLowerCase();
  const info = `${dist}-${version}.dist-info`;
  const members: [string, string][] = [
    [`${dist}/__init__.py`, `VERSION = ${JSON.stringify(version)}\n`],
    [`${info}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n${extraMetadata}\n`],
    [`${info}/WHEEL`, "Wheel-Version: 1.0\nGenerator: gatehouse-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n"],
    [`${info}/RECORD`, ""],
  ];
  return { filename: `${dist}-${version}-py3-none-any.whl`, bytes: zipBytes(members) };
}
