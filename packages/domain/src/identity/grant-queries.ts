import type { Kysely } from "kysely";
import type { Database, Permission } from "../db/index.js";
import type { GrantInfo } from "./identity-types.js";

/** One grant a user holds through one of their groups. */
export interface UserGrant {
  grantId: string;
  /** The granting group, as `org/group`. */
  group: string;
  repoId: string;
  /** Normalized package name, or null for the whole repo. */
  package: string | null;
  permission: Permission;
}

/** Grants of the given groups, with the repo's name, oldest first. */
export async function selectGrantsOfGroups(db: Kysely<Database>, groupIds: readonly string[]): Promise<(GrantInfo & { groupId: string })[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .selectFrom("group_grants")
    .innerJoin("repos", "repos.id", "group_grants.repo_id")
    .select(["group_grants.id", "group_grants.group_id", "repos.name as repo", "group_grants.package", "group_grants.permission", "group_grants.created_at"])
    .where("group_grants.group_id", "in", groupIds)
    .orderBy("group_grants.created_at")
    .orderBy("group_grants.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    repo: r.repo,
    package: r.package,
    permission: r.permission,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The grant of a group on a repo (or one package of it), if any. */
export async function findGrant(
  db: Kysely<Database>,
  groupId: string,
  repoId: string,
  pkg: string | null,
): Promise<{ id: string; permission: Permission } | undefined> {
  let q = db.selectFrom("group_grants").select(["id", "permission"]).where("group_id", "=", groupId).where("repo_id", "=", repoId);
  q = pkg === null ? q.where("package", "is", null) : q.where("package", "=", pkg);
  return q.executeTakeFirst();
}

/** Every grant a user holds through the groups they belong to. */
export async function selectUserGrants(db: Kysely<Database>, userId: string): Promise<UserGrant[]> {
  const rows = await db
    .selectFrom("group_grants")
    .innerJoin("group_members", "group_members.group_id", "group_grants.group_id")
    .innerJoin("groups", "groups.id", "group_grants.group_id")
    .innerJoin("organizations", "organizations.id", "groups.org_id")
    .select(["group_grants.id", "group_grants.repo_id", "group_grants.package", "group_grants.permission", "groups.name as group_name", "organizations.name as org_name"])
    .where("group_members.user_id", "=", userId)
    .orderBy("group_grants.id")
    .execute();
  return rows.map((r) => ({ grantId: r.id, group: `${r.org_name}/${r.group_name}`, repoId: r.repo_id, package: r.package, permission: r.permission }));
}
