import { z } from "zod";

/** A member of an org or a group; groups have no roles, so their members are always "member". */
export const memberInfo = z.object({ user: z.string(), role: z.enum(["owner", "member"]) });
export type MemberInfo = z.output<typeof memberInfo>;

/** A group's grant on a repo or one package of it. */
export const grantInfo = z.object({
  id: z.string(),
  repo: z.string(),
  package: z.string().nullable().describe("normalized package name; null for the whole repo"),
  permission: z.enum(["read", "write", "admin"]),
  createdAt: z.string(),
});
export type GrantInfo = z.output<typeof grantInfo>;

/** A group with its members and grants. */
export const groupInfo = z.object({
  id: z.string(),
  org: z.string(),
  name: z.string(),
  members: z.array(memberInfo),
  grants: z.array(grantInfo),
  createdAt: z.string(),
});
export type GroupInfo = z.output<typeof groupInfo>;

/** An organization as listings show it. */
export const orgInfo = z.object({ id: z.string(), name: z.string(), members: z.number(), groups: z.number(), createdAt: z.string() });
export type OrgInfo = z.output<typeof orgInfo>;

/** An organization with its members and groups. */
export const orgDetail = orgInfo.extend({ memberList: z.array(memberInfo), groupList: z.array(groupInfo) });
export type OrgDetail = z.output<typeof orgDetail>;

/** What deleting an org (`name`) or a group (`org/name`) answers. */
export const deletedIdentity = z.object({ deleted: z.string() });

/** Who may see a package of a source. */
export const packageAccessInfo = z.object({
  source: z.string(),
  project: z.string(),
  private: z.boolean(),
  owner: z.string().nullable(),
  updatedAt: z.string(),
});
export type PackageAccessInfo = z.output<typeof packageAccessInfo>;

/** A package of a repo as the caller sees it. */
export const visiblePackage = z.object({ project: z.string(), name: z.string(), versions: z.array(z.string()).describe("versions served, in publication order") });
export type VisiblePackage = z.output<typeof visiblePackage>;

export const createOrgBody = z.object({ name: z.string(), owner: z.string().optional().describe("user to add as the org's owner") });
export type CreateOrgBody = z.input<typeof createOrgBody>;

export const orgMemberBody = z.object({ user: z.string().min(1, "a user is required"), role: z.enum(["owner", "member"], { message: "role must be owner or member" }).optional() });
export type OrgMemberBody = z.input<typeof orgMemberBody>;

export const createGroupBody = z.object({ name: z.string() });
export const groupMemberBody = z.object({ user: z.string().min(1, "a user is required") });

export const grantBody = z.object({
  repo: z.string().min(1, "a repo is required"),
  package: z.string().optional().describe("one package of the repo; the whole repo when left out"),
  // A plain string so the domain's message ("permission must be read, write or admin") names the field.
  permission: z.string().describe("read, write or admin"),
});
export type GrantBody = z.input<typeof grantBody>;

export const revokeGrantQuery = z.object({ repo: z.string().min(1, "a repo is required"), package: z.string().optional() });

export const packageAccessBody = z.object({
  private: z.boolean().optional(),
  owner: z.string().nullable().optional().describe("new owner (api:modify-group only); null for none"),
});
export type PackageAccessBody = z.input<typeof packageAccessBody>;

export const packageAccessQuery = z.object({ private: z.enum(["true", "false"]).optional() });
