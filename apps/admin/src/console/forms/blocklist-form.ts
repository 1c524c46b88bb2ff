import type { CreateBlocklistRuleRequest } from "../api/types.js";
import { formatCliCommand } from "../html/cli-command.js";
import { type FormValues, readField } from "./form-values.js";

/**
 * Maps the "new rule" form; an empty range or repo is left out, which the API reads as every version / every repo.
 * It does not judge the range: only the server knows the repo's ecosystem, and its message is shown next to the field.
 *
 * @example
 * toCreateBlocklistRuleRequest({ name: ["requests"], versions: ["<2.32"], repo: ["pypi"], reason: ["CVE-2024-35195"] })
 * // { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" }
 */
export function toCreateBlocklistRuleRequest(values: FormValues): CreateBlocklistRuleRequest {
  const versions = readField(values, "versions");
  const repo = readField(values, "repo");
  return {
    name: readField(values, "name"),
    ...(versions !== "" ? { versions } : {}),
    ...(repo !== "" ? { repo } : {}),
    reason: readField(values, "reason"),
  };
}

/**
 * The CLI command that creates the same rule.
 * @example createBlocklistRuleCommand({ name: "requests", versions: "<2.32", reason: "CVE" })
 * // 'gatehouse create blocklist-rule --name requests --versions "<2.32" --reason CVE'
 */
export function createBlocklistRuleCommand(request: CreateBlocklistRuleRequest): string {
  return formatCliCommand(
    ["create", "blocklist-rule"],
    [
      { flag: "name", value: request.name, placeholder: "PACKAGE" },
      { flag: "versions", value: request.versions },
      { flag: "repo", value: request.repo },
      { flag: "reason", value: request.reason, placeholder: "REASON" },
    ],
  );
}

/**
 * The CLI command that deletes a rule.
 * @example deleteBlocklistRuleCommand("blk_1") // "gatehouse delete blocklist-rule --id blk_1"
 */
export function deleteBlocklistRuleCommand(id: string): string {
  return formatCliCommand(["delete", "blocklist-rule"], [{ flag: "id", value: id }]);
}
