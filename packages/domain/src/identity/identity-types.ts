import type { Permission } from "../db/index.js";

/** Roles a user can hold in an organization. */
export type OrgRole = "owner" | "member";

/** Every grant permission, weakest first. */
export const PERMISSIONS: readonly Permission[] = ["read", "write", "admin"];

/** An organization as listings show it. */
export interface OrgInfo {
  id: string;
  name: string;
  members: number;
  groups: number;
  createdAt: string;
}

/** A member of an organization or a group. */
export interface MemberInfo {
  user: string;
  /** Org role; groups have no roles, so their members are always "member". */
  role: OrgRole;
}

/** What a group grants: a permission on a repo, or on one package of it. */
export interface GrantInfo {
  id: string;
  repo: string;
  /** Normalized package name, or null for the whole repo. */
  package: string | null;
  permission: Permission;
  createdAt: string;
}

/** A group as listings show it. */
export interface GroupInfo {
  id: string;
  org: string;
  name: string;
  members: MemberInfo[];
  grants: GrantInfo[];
  createdAt: string;
}

/** An organization with its members and groups. */
export interface OrgDetail extends OrgInfo {
  memberList: MemberInfo[];
  groupList: GroupInfo[];
}

/** Who may see a package of a source: everyone, or (when private) its owner and granted groups. */
export interface PackageAccessInfo {
  source: string;
  project: string;
  private: boolean;
  owner: string | null;
  updatedAt: string;
}

/** Whether a string names a grant permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
