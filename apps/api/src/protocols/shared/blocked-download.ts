import type { FileLookup, PackageFileRow } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";

/**
 * The file a catalog lookup found, or the refusal to send: 404 (`missing`) when
 * the viewer may not know of it, 403 BLOCKED naming the blocklist rule's reason
 * (in the body and, through the server, the reason phrase pip and R print).
 */
export function fileOrRefusal(lookup: FileLookup, missing: () => ApiError): PackageFileRow {
  if (lookup.kind === "file") return lookup.file;
  if (lookup.kind === "absent") throw missing();
  throw new ApiError("BLOCKED", `${lookup.file.filename} is blocked by the repository's blocklist: ${lookup.reason}`);
}
