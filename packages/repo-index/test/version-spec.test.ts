import { describe, expect, it } from "vitest";
import { SPEC_ECOSYSTEMS, parseVersionSpec } from "../src/index.js";

describe("parseVersionSpec", () => {
  it.each(SPEC_ECOSYSTEMS)("keeps the ecosystem and the trimmed text (%s)", (ecosystem) => {
    const spec = parseVersionSpec(ecosystem, "  >=1.2, <2.0 ");
    expect(spec).toMatchObject({ ok: true, value: { ecosystem, text: ">=1.2, <2.0" } });
  });

  it.each(SPEC_ECOSYSTEMS)("refuses an empty range, saying to leave it out (%s)", (ecosystem) => {
    expect(parseVersionSpec(ecosystem, "  ")).toMatchObject({ ok: false, error: { code: "VERSION_SPEC_INVALID", message: expect.stringContaining("leave the range out") } });
  });

  it("names the syntax it expected and shows examples", () => {
    const r = parseVersionSpec("r", "1.2");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^"1\.2" is not an R version requirement \(r, bioconductor\): .*\(examples: /);
  });
});
