import type { PackageFileRow } from "../db/index.js";

/** What a direct request for one file finds: the file, a blocked file (with the rule's reason), or nothing the viewer may know of. */
export type FileLookup =
  | { kind: "file"; file: PackageFileRow }
  | { kind: "blocked"; file: PackageFileRow; reason: string; ruleId: string }
  | { kind: "absent" };

/** The ecosystem whose name and version rules a stored file follows. */
export function ecosystemOf(file: Pick<PackageFileRow, "kind">): "python" | "r" | "conda" {
  if (file.kind === "r-source") return "r";
  return file.kind === "conda" ? "conda" : "python";
}
