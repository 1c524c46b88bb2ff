import { describe, expect, it } from "vitest";
import { encodeBase62Fixed } from "./base62.js";
import { crc32 } from "./crc32.js";

describe("crc32", () => {
  it.each([
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) is the IEEE check value", (input, expected) => {
    expect(crc32(input)).toBe(expected);
  });
});

describe("encodeBase62Fixed", () => {
  it.each([
    [0, 6, "000000"],
    [61, 3, "00z"],
    [62, 3, "010"],
    [0xffffffff, 6, "4gfFC3"],
  ])("encodes %d in %d chars as %s", (value, width, expected) => {
    expect(encodeBase62Fixed(value, width)).toBe(expected);
  });
});
