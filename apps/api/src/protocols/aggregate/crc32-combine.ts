// CRC-32 of a concatenation from the CRCs of its parts, as zlib's crc32_combine does it (multiplying
// by x^(8·length) modulo the CRC polynomial): a document's gzip trailer without reading its bytes again.
const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial (bit-reflected). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let bb = b >>> 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= bb;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    bb = bb & 1 ? (bb >>> 1) ^ POLY : bb >>> 1;
  }
  return p >>> 0;
}

// X2N[k] = x^(2^k) modulo the polynomial.
const X2N: number[] = [];
{
  let p = 0x40000000; // x^1
  X2N.push(p);
  for (let n = 1; n < 32; n++) {
    p = multModP(p, p);
    X2N.push(p);
  }
}

/** x^(n·2^k) modulo the polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  let rest = n;
  let bit = k;
  while (rest > 0) {
    if (rest % 2 === 1) p = multModP(X2N[bit & 31] ?? 0, p);
    rest = Math.floor(rest / 2);
    bit += 1;
  }
  return p;
}

/** What appending `length` bytes does to a CRC (x^(8·length)): computed once per piece, applied by crc32Append. */
export function crc32Shift(length: number): number {
  return x2nModP(length, 3);
}

/** The CRC-32 of A followed by B, given crc(A), crc(B) and crc32Shift(B's length). */
export function crc32Append(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
}

/** The CRC-32 of A followed by B, given crc(A), crc(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return crc32Append(crcA, crcB, crc32Shift(lengthB));
}
