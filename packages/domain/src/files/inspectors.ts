import {
  type ArchiveLimits,
  type IndexError,
  normalizeProjectName,
  parseCondaFilename,
  parsePythonFilename,
  parseRTarballFilename,
  readCondaPackage,
  readPythonMetadata,
  readRPackage,
  toCondaRecord,
} from "@gatehouse/repo-index";
import type { RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import type { InspectInput, InspectedFile, Inspector } from "./inspected-file.js";

function invalid(error: IndexError, filename: string): DomainError {
  return new DomainError("INVALID_INPUT", `${filename}: ${error.message}`, "file");
}

type LimitedInspector = (input: InspectInput, limits: ArchiveLimits) => Promise<InspectedFile>;

const inspectPython: LimitedInspector = async (input, limits) => {
  const parsed = parsePythonFilename(input.filename);
  if (!parsed.ok) throw invalid(parsed.error, input.filename);
  const meta = await readPythonMetadata(input.path, parsed.value, limits);
  if (!meta.ok) throw invalid(meta.error, input.filename);
  const m = meta.value;
  return {
    project: normalizeProjectName(parsed.value.name),
    name: m.name,
    version: parsed.value.version,
    kind: parsed.value.kind,
    subdir: null,
    metadata: {
      ...(m.summary ? { summary: m.summary } : {}),
      ...(m.requiresPython ? { requiresPython: m.requiresPython } : {}),
      requiresDist: m.requiresDist,
    },
    // PEP 658: wheels' METADATA is served beside the file; sdists' PKG-INFO is not authoritative.
    companions: parsed.value.kind === "wheel" ? [{ key: "coreMetadataSha256", bytes: Buffer.from(m.raw, "utf8") }] : [],
  };
};

const inspectR: LimitedInspector = async (input, limits) => {
  const parsed = parseRTarballFilename(input.filename);
  if (!parsed.ok) throw invalid(parsed.error, input.filename);
  const info = await readRPackage(input.path, input.filename, limits);
  if (!info.ok) throw invalid(info.error, input.filename);
  return {
    project: info.value.package,
    name: info.value.package,
    version: info.value.version,
    kind: "r-source",
    subdir: null,
    metadata: { fields: info.value.fields },
    companions: [],
  };
};

const inspectConda: LimitedInspector = async (input, limits) => {
  const parsed = parseCondaFilename(input.filename);
  if (!parsed.ok) throw invalid(parsed.error, input.filename);
  const info = await readCondaPackage(input.path, input.filename, limits);
  if (!info.ok) throw invalid(info.error, input.filename);
  const record = toCondaRecord(info.value, { md5: input.md5, sha256: input.sha256, size: input.size });
  return {
    project: info.value.name.toLowerCase(),
    name: info.value.name,
    version: info.value.version,
    kind: "conda",
    subdir: info.value.subdir,
    metadata: { record, format: info.value.format, ...(info.value.about ? { about: info.value.about } : {}) },
    companions: [],
  };
};

const INSPECTORS: Record<RepoType, LimitedInspector> = {
  python: inspectPython,
  r: inspectR,
  bioconductor: inspectR,
  conda: inspectConda,
};

/**
 * The inspector for a source kind, reading archives within `limits` (pass `ctx.settings.archiveLimits`;
 * unset fields keep repo-index's defaults, which already refuse decompression bombs).
 */
export function inspectorFor(kind: RepoType, limits: ArchiveLimits = {}): Inspector {
  const inspect = INSPECTORS[kind];
  return (input) => inspect(input, limits);
}

/** How a source kind normalizes a package name given on the command line. */
export function normalizeNameFor(kind: RepoType, name: string): string {
  if (kind === "python") return normalizeProjectName(name);
  if (kind === "conda") return name.toLowerCase();
  return name;
}
