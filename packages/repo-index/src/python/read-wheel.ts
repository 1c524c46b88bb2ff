import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import type { PythonFilename } from "./filename.js";
import { isSamePep440 } from "./pep440-compare.js";
import { normalizeProjectName } from "./project-name.js";
import type { ResolvedArchiveLimits } from "../shared/archive-limits.js";
import { collectZipEntries, openZip, readZipEntry } from "./zip-reader.js";
import { checkZipStructure } from "./zip-structure-reader.js";

const DIST_INFO = ".dist-info";

/** Tells whether a `<name>-<version>` folder name matches the wheel's filename, compared normalized. */
function isDistInfoFor(dir: string, parsed: PythonFilename): boolean {
  const base = dir.slice(0, -DIST_INFO.length);
  for (let i = base.indexOf("-"); i > 0; i = base.indexOf("-", i + 1)) {
    if (normalizeProjectName(base.slice(0, i)) === parsed.project && isSamePep440(base.slice(i + 1), parsed.version)) {
      return true;
    }
  }
  return false;
}

/**
 * Reads the raw bytes of `<name>-<version>.dist-info/METADATA` from a wheel, which must hold exactly one
 * top-level `.dist-info` folder (PEP 427).
 */
export async function readWheelMetadataBytes(
  path: string,
  parsed: PythonFilename,
  limits: ResolvedArchiveLimits,
): Promise<Result<Buffer>> {
  const structure = await checkZipStructure(path, limits.maxEntries);
  if (!structure.ok) return structure;
  const opened = await openZip(path);
  if (!opened.ok) return opened;
  const zip = opened.value;
  try {
    const dirs = new Set<string>();
    const entries = await collectZipEntries(zip, limits.maxEntries, (name) => {
      const top = name.split("/", 1)[0] ?? "";
      if (top.endsWith(DIST_INFO) && name.length > top.length) dirs.add(top);
      return name === `${top}/METADATA`;
    });
    if (!entries.ok) return entries;
    const [dir, ...others] = [...dirs];
    if (dir === undefined) {
      return fail({ code: "METADATA_MISSING", message: "the wheel has no .dist-info folder" });
    }
    if (others.length > 0) {
      return fail({ code: "ARCHIVE_INVALID", message: `the wheel has several .dist-info folders: ${[...dirs].join(", ")}` });
    }
    if (!isDistInfoFor(dir, parsed)) {
      return fail({
        code: "METADATA_MISMATCH",
        message: `the wheel's ${dir} folder does not match ${parsed.name} ${parsed.version} from the filename`,
      });
    }
    const entry = entries.value.find((e) => e.fileName === `${dir}/METADATA`);
    if (entry === undefined) return fail({ code: "METADATA_MISSING", message: `the wheel has no ${dir}/METADATA file` });
    const bytes = await readZipEntry(zip, entry, limits.maxMetadataBytes);
    return bytes.ok ? ok(bytes.value) : bytes;
  } finally {
    zip.close();
  }
}
