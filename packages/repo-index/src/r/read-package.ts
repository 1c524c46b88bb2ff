import { resolveArchiveLimits } from "../shared/archive-limits.js";
import type { ReadLimits } from "../python/read-limits.js";
import { iterateTarGz } from "../python/tar-reader.js";
import type { TarMember } from "../python/tar-reader.js";
import { fail, ok } from "../shared/result.js";
import type { IndexError, Result } from "../shared/result.js";
import { parseDescription } from "./description.js";
import { checkLinkTarget, splitMemberPath } from "./member-path.js";
import { parseRTarballFilename } from "./tarball-filename.js";

/** An R source package as read from its tarball. */
export interface RPackageInfo {
  package: string;
  version: string;
  /** Every DESCRIPTION field, decoded to Unicode. */
  fields: Record<string, string>;
  filename: string;
}

const ALLOWED_TYPES = new Set(["file", "contiguous-file", "directory", "symlink", "link"]);

/** Refuses a member that is unsafe to ever extract, or outside the single `<pkg>/` folder. */
function checkMember(member: TarMember, pkg: string): IndexError | undefined {
  const path = splitMemberPath(member.name);
  if (!path.ok) return path.error;
  if (path.parts.length === 0) return undefined;
  if (path.parts[0] !== pkg) {
    return { code: "ARCHIVE_INVALID", message: `the tarball must hold one top-level folder "${pkg}/", but has "${member.name}"` };
  }
  if (!ALLOWED_TYPES.has(member.type)) {
    return { code: "ARCHIVE_UNSAFE", message: `the archive member "${member.name}" is a ${member.type}` };
  }
  if (member.type === "symlink" || member.type === "link") {
    const target = checkLinkTarget(path.parts, member.linkname ?? "", member.type, pkg);
    if (!target.ok) return target.error;
  }
  return undefined;
}

/** Scans the whole tarball (every member is checked) and returns the bytes of `<pkg>/DESCRIPTION`. */
async function readDescriptionBytes(path: string, pkg: string, limits: ReadLimits | undefined): Promise<Result<Buffer>> {
  const resolved = resolveArchiveLimits(limits);
  const descriptionPath = `${pkg}/DESCRIPTION`;
  let description: Buffer | undefined;
  for await (const member of iterateTarGz(path, resolved)) {
    if (!member.ok) return member;
    const refused = checkMember(member.value, pkg);
    if (refused) return fail(refused);
    const parts = splitMemberPath(member.value.name);
    if (!parts.ok || parts.parts.join("/") !== descriptionPath) continue;
    if (member.value.type !== "file") {
      return fail({ code: "ARCHIVE_INVALID", message: `${descriptionPath} must be a regular file, not a ${member.value.type}` });
    }
    // Extractors keep the last copy; refuse the ambiguity rather than pick one.
    if (description !== undefined) return fail({ code: "ARCHIVE_INVALID", message: `the tarball holds ${descriptionPath} twice` });
    const bytes = await member.value.read(resolved.maxMetadataBytes);
    if (!bytes.ok) return bytes;
    description = bytes.value;
  }
  if (description === undefined) return fail({ code: "METADATA_MISSING", message: `the tarball has no ${descriptionPath} file` });
  return ok(description);
}

/**
 * Reads and checks an R source package `<pkg>_<ver>.tar.gz`: one top-level `<pkg>/` folder, no absolute
 * paths, "..", devices or links leaving it (ARCHIVE_UNSAFE), and a DESCRIPTION whose Package and Version
 * match the filename (METADATA_MISMATCH). Other errors: FILENAME_*, ARCHIVE_INVALID, ARCHIVE_TOO_LARGE,
 * METADATA_MISSING, METADATA_TOO_LARGE, METADATA_INVALID.
 * @example await readRPackage("/tmp/up/abc", "foo_1.0.tar.gz") // ok({ package: "foo", version: "1.0", fields, filename })
 */
export async function readRPackage(path: string, filename: string, limits?: ReadLimits): Promise<Result<RPackageInfo>> {
  const parsed = parseRTarballFilename(filename);
  if (!parsed.ok) return parsed;
  const { package: pkg, version } = parsed.value;
  const bytes = await readDescriptionBytes(path, pkg, limits);
  if (!bytes.ok) return bytes;
  const fields = parseDescription(bytes.value);
  if (!fields.ok) return fail({ code: "METADATA_INVALID", message: fields.error.message });
  const { Package: metaPackage, Version: metaVersion } = fields.value;
  if (metaPackage !== pkg || metaVersion !== version) {
    return fail({
      code: "METADATA_MISMATCH",
      message: `DESCRIPTION says ${metaPackage ?? "(no Package)"} ${metaVersion ?? "(no Version)"} but the filename says ${pkg} ${version}`,
    });
  }
  return ok({ package: pkg, version, fields: fields.value, filename });
}
