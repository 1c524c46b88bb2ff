import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.js";
import { parseMinAge } from "./gc.js";

describe("gatehouse gc --min-age", () => {
  it("takes seconds, minutes, hours and days, and 0s for no minimum", () => {
    expect([parseMinAge("0s"), parseMinAge("45s"), parseMinAge("10m"), parseMinAge("2h"), parseMinAge("1d")]).toEqual([0, 45, 600, 7200, 86400]);
  });

  it.each(["", "10", "1w", "-1h", "1.5h"])("refuses %j naming the flag and the accepted forms", (text) => {
    const err = (() => {
      try {
        parseMinAge(text);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect(err).toMatchObject({ field: "min-age", hint: expect.stringContaining("10m") });
  });
});
