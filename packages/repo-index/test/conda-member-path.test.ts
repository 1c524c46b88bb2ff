import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MemberHeader, checkMember } from "../src/conda/member-path.js";

describe("checkMember", () => {
  it.each<[MemberHeader, string]>([
    [{ name: "info/index.json", kind: "file" }, "info/index.json"],
    [{ name: "./info/index.json", kind: "file" }, "info/index.json"],
    [{ name: "./", kind: "directory" }, ""],
    [{ name: "lib/", kind: "directory" }, "lib"],
    [{ name: "lib/libz.so", kind: "symlink", linkTarget: "libz.so.1" }, "lib/libz.so"],
    [{ name: "lib/python3.12/x", kind: "symlink", linkTarget: "../../share/x" }, "lib/python3.12/x"],
    [{ name: "bin/b", kind: "hardlink", linkTarget: "bin/a" }, "bin/b"],
    [{ name: "share/a..b", kind: "file" }, "share/a..b"],
  ])("accepts %j", (header, path) => {
    expect(checkMember(header)).toEqual({ ok: true, value: path });
  });

  it.each<MemberHeader>([
    { name: "../x", kind: "file" },
    { name: "a/../../x", kind: "file" },
    { name: "/etc/passwd", kind: "file" },
    { name: "C:/Windows/x", kind: "file" },
    { name: "a\\b", kind: "file" },
    { name: "a\u0000b", kind: "file" },
    { name: "", kind: "file" },
    { name: "dev/null", kind: "other" },
    { name: "lib/x", kind: "symlink", linkTarget: "../../x" },
    { name: "x", kind: "symlink", linkTarget: "/etc/passwd" },
    { name: "x", kind: "hardlink", linkTarget: "../y" },
    { name: "x", kind: "hardlink", linkTarget: "/y" },
  ])("refuses %j", (header) => {
    const checked = checkMember(header);
    expect(checked.ok ? "ok" : checked.error.code).toBe("ARCHIVE_UNSAFE_PATH");
  });

  const segment = fc.constantFrom("a", "b", "..", ".", "lib", "");
  const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/"));

  const plainName = fc.array(fc.constantFrom("a", "b", "lib"), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));

  it("accepts a symlink only if its target never climbs above the package root", () => {
    fc.assert(
      fc.property(plainName, path, (name, target) => {
        const checked = checkMember({ name, kind: "symlink", linkTarget: target });
        const parts = name.split("/").slice(0, -1);
        let escapes = false;
        for (const part of target.split("/")) {
          if (part === "..") {
            if (parts.length === 0) escapes = true;
            parts.pop();
          } else if (part !== "" && part !== ".") parts.push(part);
        }
        if (checked.ok) expect(escapes).toBe(false);
        else expect(escapes || target.startsWith("/")).toBe(true);
      }),
    );
  });

  it("never accepts a path with a '..' segment", () => {
    fc.assert(fc.property(path.filter((p) => p.split("/").includes("..")), (p) => !checkMember({ name: p, kind: "file" }).ok));
  });
});
