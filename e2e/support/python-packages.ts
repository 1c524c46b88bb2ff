import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

// Test support: real wheels and sdists written by python3 (zipfile, tarfile),
// the way build backends lay them out, with a module that imports.

/** The machine's python3, by absolute path (it may be a pyenv shim, which `env -i` would break). */
export function resolvePython(): string {
  const r = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
  const path = r.stdout?.trim();
  if (r.status !== 0 || !path) throw new Error(`python3 is needed to build test packages: ${r.stderr}`);
  return path;
}

/** What a test package declares. */
export interface PythonPackageSpec {
  name: string;
  version: string;
  requiresDist?: string[];
  requiresPython?: string;
}

/** A package file written to disk. */
export interface BuiltPythonFile {
  path: string;
  filename: string;
  sha256: string;
}

const BUILD = `
import io, json, sys, tarfile, zipfile, hashlib, base64
spec = json.loads(sys.stdin.read())
dist = spec["name"].replace("-", "_").replace(".", "_").lower()
ver = spec["version"]
meta = ["Metadata-Version: 2.1", "Name: " + spec["name"], "Version: " + ver, "Summary: test package " + spec["name"]]
if spec.get("requiresPython"): meta.append("Requires-Python: " + spec["requiresPython"])
meta += ["Requires-Dist: " + d for d in spec.get("requiresDist", [])]
metadata = "\\n".join(meta) + "\\n\\n"
module = "VERSION = %r\\nNAME = %r\\n" % (ver, spec["name"])
info = "%s-%s.dist-info" % (dist, ver)
files = {dist + "/__init__.py": module, info + "/METADATA": metadata,
         info + "/WHEEL": "Wheel-Version: 1.0\\nGenerator: gatehouse-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n"}
def record_line(name, text):
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(text.encode()))
record = "\\n".join([record_line(n, t) for n, t in files.items()] + [info + "/RECORD,,"]) + "\\n"
wheel = "%s/%s-%s-py3-none-any.whl" % (spec["dir"], dist, ver)
with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
    for n, t in files.items(): z.writestr(n, t)
    z.writestr(info + "/RECORD", record)
sdist = "%s/%s-%s.tar.gz" % (spec["dir"], dist, ver)
root = "%s-%s" % (dist, ver)
pyproject = '[build-system]\\nrequires = []\\nbuild-backend = "setuptools.build_meta"\\n'
with tarfile.open(sdist, "w:gz") as tar:
    for n, t in {root + "/PKG-INFO": metadata, root + "/" + dist + "/__init__.py": module, root + "/pyproject.toml": pyproject}.items():
        data = t.encode()
        ti = tarfile.TarInfo(n)
        ti.size = len(data)
        tar.addfile(ti, io.BytesIO(data))
print(wheel)
print(sdist)
`;

function describeFile(path: string): BuiltPythonFile {
  const filename = path.slice(path.lastIndexOf("/") + 1);
  return { path, filename, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

/** Writes `<name>-<version>-py3-none-any.whl` and `<name>-<version>.tar.gz` into dir. */
export function buildPythonPackage(python: string, dir: string, spec: PythonPackageSpec): { wheel: BuiltPythonFile; sdist: BuiltPythonFile } {
  const r = spawnSync(python, ["-c", BUILD], { input: JSON.stringify({ ...spec, dir }), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 could not build ${spec.name}: ${r.stderr}`);
  const [wheel = "", sdist = ""] = r.stdout.trim().split("\n");
  return { wheel: describeFile(wheel), sdist: describeFile(sdist) };
}
