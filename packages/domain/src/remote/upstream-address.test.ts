import { describe, expect, it } from "vitest";
import { refusalOf } from "./upstream-address.js";

// Classification only: no test ever connects to any of these addresses.
describe("refusalOf", () => {
  const cases: [string, boolean, "ok" | "always" | "private"][] = [
    ["151.101.0.223", false, "ok"],
    ["2a04:4e42::223", false, "ok"],
    ["169.254.169.254", true, "always"],
    ["169.254.0.1", false, "always"],
    ["fd00:ec2::254", true, "always"],
    ["fe80::1", true, "always"],
    ["0.0.0.0", true, "always"],
    ["::", true, "always"],
    ["::ffff:169.254.169.254", true, "always"],
    ["224.0.0.1", true, "always"],
    ["127.0.0.1", false, "private"],
    ["127.0.0.1", true, "ok"],
    ["::1", false, "private"],
    ["10.1.2.3", false, "private"],
    ["172.20.0.5", false, "private"],
    ["172.32.0.5", false, "ok"],
    ["192.168.1.1", false, "private"],
    ["100.64.0.1", false, "private"],
    ["fd12:3456::1", false, "private"],
    ["::ffff:10.0.0.1", false, "private"],
    ["::ffff:10.0.0.1", true, "ok"],
  ];
  it.each(cases)("%s (allow private: %s) is %s", (address, allowPrivate, expected) => {
    const reason = refusalOf(address, allowPrivate);
    if (expected === "ok") expect(reason).toBeNull();
    else if (expected === "always") expect(reason).toContain("link-local");
    else expect(reason).toContain("GATEHOUSE_UPSTREAM_ALLOW_PRIVATE");
  });
  it("refuses what is not an address", () => {
    expect(refusalOf("example.com", true)).toBe("not an IP address");
  });
});
