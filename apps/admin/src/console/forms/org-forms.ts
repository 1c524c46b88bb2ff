import type { GrantRequest } from "../api/types.js";
import { formatCliCommand } from "../html/cli-command.js";
import { type FormValues, readField } from "./form-values.js";

/** Who a member change is about: a user of an org, or of one group of it. */
export interface MemberTarget {
  org: string;
  group?: string;
  user: string;
  role?: string;
}

/** A grant as the CLI names it. */
export interface GrantTarget {
  org: string;
  group: string;
  repo: string;
  package?: string;
  permission?: string;
}

/**
 * Maps the "new organization" form; an empty owner is left out.
 * @example toCreateOrgRequest({ name: ["ds"], owner: [""] }) // { name: "ds" }
 */
export function toCreateOrgRequest(values: FormValues): { name: string; owner?: string } {
  const owner = readField(values, "owner");
  return { name: readField(values, "name"), ...(owner !== "" ? { owner } : {}) };
}

/**
 * Maps a grant form; an empty package means the whole repo.
 * @example toGrantRequest({ repo: ["pypi"], package: [""], permission: ["read"] }) // { repo: "pypi", permission: "read" }
 */
export function toGrantRequest(values: FormValues): GrantRequest {
  const pkg = readField(values, "package");
  return { repo: readField(values, "repo"), ...(pkg !== "" ? { package: pkg } : {}), permission: readField(values, "permission") };
}

/**
 * `gatehouse create org`.
 * @example createOrgCommand({ name: "ds", owner: "ann" }) // "gatehouse create org --name ds --owner ann"
 */
export function createOrgCommand(request: { name: string; owner?: string }): string {
  return formatCliCommand(["create", "org"], [{ flag: "name", value: request.name, placeholder: "NAME" }, { flag: "owner", value: request.owner }]);
}

/** `gatehouse delete org`. */
export function deleteOrgCommand(org: string): string {
  return formatCliCommand(["delete", "org"], [{ flag: "name", value: org }]);
}

/** `gatehouse create group`. */
export function createGroupCommand(org: string, name: string): string {
  return formatCliCommand(["create", "group"], [{ flag: "org", value: org }, { flag: "name", value: name, placeholder: "GROUP" }]);
}

/** `gatehouse delete group`. */
export function deleteGroupCommand(org: string, group: string): string {
  return formatCliCommand(["delete", "group"], [{ flag: "org", value: org }, { flag: "name", value: group }]);
}

/**
 * `gatehouse add member`, to the org (with a role) or to one group.
 * @example addMemberCommand({ org: "ds", group: "analysts", user: "ann" }) // "gatehouse add member --org ds --group analysts --user ann"
 */
export function addMemberCommand(target: MemberTarget): string {
  return formatCliCommand(
    ["add", "member"],
    [
      { flag: "org", value: target.org },
      { flag: "group", value: target.group },
      { flag: "user", value: target.user, placeholder: "USER" },
      { flag: "role", value: target.group === undefined ? target.role : undefined },
    ],
  );
}

/** `gatehouse delete member`: from one group, or from the org and all its groups. */
export function removeMemberCommand(target: MemberTarget): string {
  return formatCliCommand(["delete", "member"], [{ flag: "org", value: target.org }, { flag: "group", value: target.group }, { flag: "user", value: target.user }]);
}

/**
 * `gatehouse grant`.
 * @example grantCommand({ org: "ds", group: "a", repo: "pypi", permission: "read" }) // "gatehouse grant --org ds --group a --repo pypi --permission read"
 */
export function grantCommand(target: GrantTarget): string {
  return formatCliCommand(
    ["grant"],
    [
      { flag: "org", value: target.org },
      { flag: "group", value: target.group },
      { flag: "repo", value: target.repo, placeholder: "REPO" },
      { flag: "package", value: target.package },
      { flag: "permission", value: target.permission ?? "", placeholder: "read|write|admin" },
    ],
  );
}

/** `gatehouse delete grant`. */
export function revokeGrantCommand(target: GrantTarget): string {
  return formatCliCommand(["delete", "grant"], [{ flag: "org", value: target.org }, { flag: "group", value: target.group }, { flag: "repo", value: target.repo }, { flag: "package", value: target.package }]);
}
