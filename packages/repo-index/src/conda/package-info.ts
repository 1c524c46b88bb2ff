import { type Result, fail, ok } from "../shared/result.js";
import type { CondaFilename, CondaFormat } from "./conda-filename.js";
import { isValidCondaName } from "./conda-names.js";
import { isValidCondaSubdir } from "./conda-subdirs.js";
import type { RawCondaMetadata } from "./metadata-members.js";

/** What a conda package says about itself, validated against its filename. */
export interface CondaPackageInfo {
  filename: string;
  format: CondaFormat;
  /** info/index.json as read. */
  index: Record<string, unknown>;
  /** info/about.json, when the package has one. */
  about?: Record<string, unknown>;
  subdir: string;
  name: string;
  version: string;
  build: string;
  buildNumber: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function invalid(message: string): Result<never> {
  return fail({ code: "METADATA_INVALID", message });
}

function parseObject(bytes: Buffer, path: string): Result<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    return invalid(`${path} is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return invalid(`${path} is not a JSON object.`);
  return ok(parsed as Record<string, unknown>);
}

function isStringList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}

function checkIdentity(index: Record<string, unknown>, file: CondaFilename): Result<null> {
  for (const key of ["name", "version", "build"] as const) {
    const value = index[key];
    if (typeof value !== "string") return invalid(`info/index.json has no string "${key}".`);
    if (value !== file[key]) {
      return fail({
        code: "METADATA_MISMATCH",
        message: `info/index.json says ${key} "${value}" but the filename ${file.filename} says "${file[key]}"; rename the file or rebuild the package.`,
      });
    }
  }
  return ok(null);
}

/**
 * Validates raw metadata read from the archive named `file` and shapes it as CondaPackageInfo.
 * @example validateCondaMetadata(parsedFilename, { index: bytes })
 */
export function validateCondaMetadata(file: CondaFilename, raw: RawCondaMetadata): Result<CondaPackageInfo> {
  if (raw.index === undefined) {
    return fail({ code: "METADATA_MISSING", message: `${file.filename} has no info/index.json; it is not a conda package.` });
  }
  const index = parseObject(raw.index, "info/index.json");
  if (!index.ok) return index;
  const identity = checkIdentity(index.value, file);
  if (!identity.ok) return identity;
  if (!isValidCondaName(file.name)) return invalid(`"${file.name}" is not a valid conda package name.`);

  const { subdir, build_number: buildNumber } = index.value;
  if (typeof subdir !== "string") return invalid(`info/index.json of ${file.filename} has no "subdir".`);
  if (!isValidCondaSubdir(subdir)) return invalid(`info/index.json names the unknown subdir "${subdir}".`);
  if (typeof buildNumber !== "number" || !Number.isSafeInteger(buildNumber) || buildNumber < 0) {
    return invalid(`info/index.json of ${file.filename} needs a non-negative integer "build_number".`);
  }
  for (const key of ["depends", "constrains"]) {
    if (!isStringList(index.value[key])) return invalid(`"${key}" in info/index.json must be a list of strings.`);
  }

  let about: Record<string, unknown> | undefined;
  if (raw.about !== undefined) {
    const parsed = parseObject(raw.about, "info/about.json");
    if (!parsed.ok) return parsed;
    about = parsed.value;
  }
  return ok({
    filename: file.filename,
    format: file.format,
    index: index.value,
    ...(about === undefined ? {} : { about }),
    subdir,
    name: file.name,
    version: file.version,
    build: file.build,
    buildNumber,
  });
}
