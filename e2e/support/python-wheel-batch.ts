import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { BuiltPythonFile } from "./python-packages.js";

// Many installable wheels of one project from a single python3 start: buildPythonPackage starts
// python once per version (about 0.25 s each), too slow for the dozens a publish loop needs.
const BUILD_MANY = `
import hashlib, base64, json, sys, zipfile
spec = json.loads(sys.stdin.read())
dist = spec["name"].replace("-", "_").replace(".", "_").lower()
def record_line(name, text):
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(text.encode()))
for ver in spec["versions"]:
    info = "%s-%s.dist-info" % (dist, ver)
    files = {dist + "/__init__.py": "VERSION = %r\\n" % ver,
             info + "/METADATA": "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n\\n" % (spec["name"], ver),
             info + "/WHEEL": "Wheel-Version: 1.0\\nGenerator: gatehouse-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n"}
    record = "\\n".join([record_line(n, t) for n, t in files.items()] + [info + "/RECORD,,"]) + "\\n"
    path = "%s/%s-%s-py3-none-any.whl" % (spec["dir"], dist, ver)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, t in files.items(): z.writestr(n, t)
        z.writestr(info + "/RECORD", record)
    print(path)
`;

/**
 * Writes `<name>-<version>-py3-none-any.whl` for every version into dir, in one python3 run.
 * @example buildPythonWheels(python, dir, "gh-busy", ["1.0", "1.1"])
 */
export function buildPythonWheels(python: string, dir: string, name: string, versions: readonly string[]): BuiltPythonFile[] {
  const r = spawnSync(python, ["-c", BUILD_MANY], { input: JSON.stringify({ name, versions, dir }), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 could not build ${name}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .map((path) => ({ path, filename: path.slice(path.lastIndexOf("/") + 1), sha256: createHash("sha256").update(readFileSync(path)).digest("hex") }));
}
