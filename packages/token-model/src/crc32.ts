// IEEE 802.3 polynomial, bit-reversed, as used by zip, PNG and Ethernet.
const POLYNOMIAL = 0xedb88320;

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

const TABLE = buildTable();

/**
 * Computes the CRC-32 (IEEE) of the UTF-16 code units of an ASCII string, as an unsigned 32-bit number.
 * Only meant for ASCII input (token bodies); each code unit is taken as one byte.
 * @example crc32("123456789") // 0xcbf43926
 */
export function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) {
    const index = (crc ^ ascii.charCodeAt(i)) & 0xff;
    crc = (TABLE[index] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
