import type { CreateTokenRequest, ResourceList } from "../api/types.js";
import { type FormValues, readField, readFields } from "./form-values.js";

/**
 * Reads a repos/sources box: empty → left out (the server's default), `*` → all, else names split on commas or spaces.
 * @example toResourceList("pypi, cran") // ["pypi", "cran"]
 */
export function toResourceList(text: string): ResourceList | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (trimmed === "*") return "*";
  return trimmed.split(/[\s,]+/).filter((name) => name !== "");
}

/**
 * Maps the "new token" form to the API's request. It does not judge the values:
 * the server validates them and its message is shown next to the field it names.
 *
 * @example
 * toCreateTokenRequest({ scopes: ["repos:read"], repos: ["pypi"], expires: ["30d"], description: ["CI"], user: ["ci"] })
 * // { scopes: ["repos:read"], repos: ["pypi"], expires: "30d", description: "CI", user: "ci" }
 */
export function toCreateTokenRequest(values: FormValues): CreateTokenRequest {
  const repos = toResourceList(readField(values, "repos"));
  const sources = toResourceList(readField(values, "sources"));
  const expires = readField(values, "expires");
  return {
    scopes: readFields(values, "scopes"),
    ...(repos !== undefined ? { repos } : {}),
    ...(sources !== undefined ? { sources } : {}),
    ...(expires !== "" ? { expires } : {}),
    description: readField(values, "description"),
    user: readField(values, "user"),
  };
}
