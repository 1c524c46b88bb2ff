import { describe, expect, it } from "vitest";
import { reasonPhraseOf } from "./server.js";

describe("reason phrases", () => {
  it("adds the error message to the standard phrase, so twine and pip show why", () => {
    expect(reasonPhraseOf(409, "x.whl already exists")).toBe("Conflict: x.whl already exists");
  });

  it("keeps only printable ASCII (no header injection, no mojibake) and bounds the length", () => {
    const phrase = reasonPhraseOf(400, "bad\r\nSet-Cookie: a=b é");
    expect(phrase).toBe("Bad Request: bad  Set-Cookie: a=b  ");
    expect(reasonPhraseOf(400, "x".repeat(1000)).length).toBeLessThanOrEqual(313);
  });
});
