import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUrlProblem } from "./refuse-malformed-urls.js";

describe("findUrlProblem", () => {
  it.each([
    ["/pypi/simple/%E0%A4%A/", /malformed %-escape/],
    ["/%zz/", /malformed %-escape/],
    ["/pypi/simple/%C0%AF/", /malformed %-escape/],
    ["/__api__/sources/a%00b/files/x.whl", /NUL byte/],
    ["/__api__/sources/py/files?project=a%00b", /query string holds a NUL/],
  ])("refuses %s", (path, problem) => {
    expect(findUrlProblem(`http://h${path}`)).toMatch(problem);
  });

  it.each(["/pypi/simple/foo/", "/cran/src/contrib/PACKAGES.gz", "/pypi/files/%E2%82%AC-1.0.tar.gz", "/x/%25zz/", "/a?b=%zz"])("lets %s through", (path) => {
    expect(findUrlProblem(`http://h${path}`)).toBeUndefined();
  });

  // The router and the handlers decode what this lets through; they must never meet a bad escape.
  it("lets through only paths every segment of which decodes, and never throws", () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("%", "%0", "%zz", "%00", "%E0%A4", "%C3%A9", "%2F", "/", "?", "#"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const url = new URL(`http://h/${pieces.join("")}`);
        const problem = findUrlProblem(url.href);
        if (problem === undefined) {
          for (const segment of url.pathname.split("/")) expect(decodeURIComponent(segment)).not.toContain("\0");
        }
      }),
      { numRuns: 300 },
    );
  });
});
