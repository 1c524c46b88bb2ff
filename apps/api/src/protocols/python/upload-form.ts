import { isSamePep440, normalizeProjectName, parsePythonFilename } from "@gatehouse/repo-index";
import { ApiError } from "../../http/api-error.js";

/**
 * Checks the text fields sent before the file against its filename: the
 * action must be `file_upload`, and `name`/`version` (when sent) must be the
 * file's own. Throws INVALID_INPUT naming the mismatch.
 *
 * @example
 * checkUploadForm(new Map([[":action", "file_upload"], ["name", "Foo"]]), "foo-1.0.tar.gz") // ok
 */
export function checkUploadForm(fields: ReadonlyMap<string, string>, filename: string): void {
  const action = fields.get(":action");
  if (action !== undefined && action !== "file_upload") {
    throw new ApiError("INVALID_INPUT", `unsupported :action '${action}': only file_upload is served (projects need no registration)`, {}, ":action");
  }
  const parsed = parsePythonFilename(filename);
  // An unparsable name is refused by publishFile with the precise reason.
  if (!parsed.ok) return;
  const name = fields.get("name");
  if (name !== undefined && normalizeProjectName(name) !== parsed.value.project) {
    throw new ApiError("INVALID_INPUT", `the form says project '${name}' but the file ${filename} is of project '${parsed.value.name}'`, {}, "name");
  }
  const version = fields.get("version");
  if (version !== undefined && !isSamePep440(version, parsed.value.version)) {
    throw new ApiError("INVALID_INPUT", `the form says version '${version}' but the file ${filename} is version '${parsed.value.version}'`, {}, "version");
  }
}
