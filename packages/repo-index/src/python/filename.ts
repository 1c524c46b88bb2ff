import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { parseVersionParts } from "./pep440.js";
import { isValidProjectName, normalizeProjectName } from "./project-name.js";
import { checkSafeFilename } from "./safe-filename.js";

/** The two kinds of Python distribution files. */
export type PythonDistKind = "wheel" | "sdist";

/** What a Python distribution's filename says about it. */
export interface PythonFilename {
  kind: PythonDistKind;
  filename: string;
  /** The name as spelled in the filename. */
  name: string;
  /** The PEP 503 normalized project name. */
  project: string;
  /** The version as spelled in the filename (compare with `comparePep440`). */
  version: string;
  buildTag?: string;
  pythonTags?: string[];
  abiTags?: string[];
  platformTags?: string[];
}

const SDIST_EXTENSIONS = [".tar.gz", ".zip"] as const;
const TAG_RE = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function invalid(filename: string, why: string): Result<PythonFilename> {
  return fail({ code: "FILENAME_INVALID", message: `"${filename}" is not a valid Python distribution filename: ${why}` });
}

function parseWheel(filename: string): Result<PythonFilename> {
  const parts = filename.slice(0, -".whl".length).split("-");
  if (parts.length !== 5 && parts.length !== 6) {
    return invalid(filename, "a wheel is named {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl");
  }
  const [name = "", version = ""] = parts;
  const [python = "", abi = "", platform = ""] = parts.slice(-3);
  const buildTag = parts.length === 6 ? parts[2] : undefined;
  if (!isValidProjectName(name)) return invalid(filename, `"${name}" is not a valid project name`);
  if (parseVersionParts(version) === undefined) return invalid(filename, `"${version}" is not a PEP 440 version`);
  if (buildTag !== undefined && !/^[0-9][A-Za-z0-9_.]*$/.test(buildTag)) {
    return invalid(filename, `build tag "${buildTag}" must start with a digit`);
  }
  for (const tag of [python, abi, platform]) {
    if (!TAG_RE.test(tag)) return invalid(filename, `"${tag}" is not a valid compatibility tag`);
  }
  const wheel: PythonFilename = {
    kind: "wheel",
    filename,
    name,
    project: normalizeProjectName(name),
    version,
    pythonTags: python.split("."),
    abiTags: abi.split("."),
    platformTags: platform.split("."),
  };
  if (buildTag !== undefined) wheel.buildTag = buildTag;
  return ok(wheel);
}

function parseSdist(filename: string, base: string): Result<PythonFilename> {
  // Legacy sdists may have '-' in the name, so take the last '-' that leaves a valid version.
  for (let i = base.lastIndexOf("-"); i > 0; i = base.lastIndexOf("-", i - 1)) {
    const name = base.slice(0, i);
    const version = base.slice(i + 1);
    if (parseVersionParts(version) !== undefined) {
      if (!isValidProjectName(name)) return invalid(filename, `"${name}" is not a valid project name`);
      return ok({ kind: "sdist", filename, name, project: normalizeProjectName(name), version });
    }
  }
  return invalid(filename, "an sdist is named {name}-{version}.tar.gz with a PEP 440 version");
}

/**
 * Parses a wheel (`*.whl`, PEP 427) or sdist (`*.tar.gz`, `*.zip`; PEP 625 and legacy) filename.
 * Errors: FILENAME_INVALID (bad shape, path separators, `..`, control characters), FILENAME_UNSUPPORTED.
 * @example parsePythonFilename("Foo_Bar-1.0-py3-none-any.whl") // ok: project "foo-bar", version "1.0"
 */
export function parsePythonFilename(filename: string): Result<PythonFilename> {
  const unsafe = checkSafeFilename(filename);
  if (unsafe !== undefined) return invalid(filename, unsafe);
  if (filename.endsWith(".whl")) return parseWheel(filename);
  const ext = SDIST_EXTENSIONS.find((e) => filename.endsWith(e));
  if (ext === undefined) {
    return fail({
      code: "FILENAME_UNSUPPORTED",
      message: `"${filename}" is not a supported Python distribution; upload a .whl, .tar.gz or .zip file`,
    });
  }
  return parseSdist(filename, filename.slice(0, -ext.length));
}
