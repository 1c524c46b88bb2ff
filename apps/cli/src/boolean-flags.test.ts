import { describe, expect, it } from "vitest";
import { normalizeBooleanFlags } from "./boolean-flags.js";

describe("normalizeBooleanFlags", () => {
  it.each([
    [["--name=x", "--authenticated"], ["--name=x", "--authenticated"]],
    [["--authenticated=true"], ["--authenticated"]],
    [["--authenticated=false", "--name", "x"], ["--no-authenticated", "--name", "x"]],
    [["--authenticated", "false"], ["--no-authenticated"]],
    [["--authenticated", "--name", "x"], ["--authenticated", "--name", "x"]],
    [["--no-authenticated"], ["--no-authenticated"]],
    [["--authenticatedness=1"], ["--authenticatedness=1"]],
  ])("%j → %j", (argv, expected) => {
    expect(normalizeBooleanFlags(argv, ["authenticated"])).toEqual({ argv: expected });
  });

  it("refuses another value, naming the flag", () => {
    const result = normalizeBooleanFlags(["--name", "x", "--authenticated=maybe"], ["authenticated"]);
    expect(result.argv).toEqual(["--name", "x"]);
    expect(result.refused).toMatchObject({ field: "authenticated", code: "INVALID_INPUT" });
  });
});
