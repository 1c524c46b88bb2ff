import { describe, expect, it } from "vitest";
import { CliError, EXIT_FAILURE, EXIT_USAGE, formatCliError } from "./cli-error.js";
import { formatList, renderTable } from "./output/table.js";

describe("CLI errors", () => {
  it.each([
    ["INVALID_INPUT", EXIT_USAGE],
    ["BAD_REQUEST", EXIT_USAGE],
    ["FORBIDDEN", EXIT_FAILURE],
    ["NOT_FOUND", EXIT_FAILURE],
  ])("maps %s to exit code %i", (code, exit) => {
    expect(new CliError("m", { code }).exitCode).toBe(exit);
  });

  it("names the flag at fault, maps API field names to flag names, and adds the hint", () => {
    expect(formatCliError(new CliError("bad expiry", { code: "INVALID_INPUT", field: "expires" }))).toBe("gatehouse: --expires: bad expiry");
    expect(formatCliError(new CliError("unknown scope", { field: "scopes" }))).toBe("gatehouse: --scope: unknown scope");
    expect(formatCliError(new CliError("down", { hint: "start it" }))).toBe("gatehouse: down\n  hint: start it");
  });
});

describe("tables", () => {
  it("aligns columns and trims trailing space", () => {
    expect(renderTable(["A", "LONGER"], [["xyz", "1"], ["q", "22"]])).toBe("A    LONGER\nxyz  1\nq    22");
  });

  it("shows resource lists as people read them", () => {
    expect(formatList("*")).toBe("*");
    expect(formatList(["a", "b"])).toBe("a,b");
    expect(formatList([])).toBe("-");
  });
});
