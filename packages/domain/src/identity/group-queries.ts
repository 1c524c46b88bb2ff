import type { Kysely, Selectable } from "kysely";
import type { Database, GroupsTable } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import type { GroupInfo, MemberInfo } from "./identity-types.js";
import { selectGrantsOfGroups } from "./grant-queries.js";

/** A group row. */
export type GroupRow = Selectable<GroupsTable>;

/** Finds a group of an organization by name or throws NOT_FOUND naming the `group` field. */
export async function requireGroup(db: Kysely<Database>, org: { id: string; name: string }, name: string): Promise<GroupRow> {
  const row = await db.selectFrom("groups").selectAll().where("org_id", "=", org.id).where("name", "=", name).executeTakeFirst();
  if (!row) {
    throw new DomainError("NOT_FOUND", `organization '${org.name}' has no group named '${name}'; list them with \`gatehouse list groups --org ${org.name}\``, "group");
  }
  return row;
}

/** Whether an organization already has a group of that name. */
export async function hasGroup(db: Kysely<Database>, orgId: string, name: string): Promise<boolean> {
  const row = await db.selectFrom("groups").select("id").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
  return row !== undefined;
}

/** Groups of an organization (or just one), with their members and grants, by name. */
export async function selectGroups(db: Kysely<Database>, org: { id: string; name: string }, onlyGroupId?: string): Promise<GroupInfo[]> {
  let q = db.selectFrom("groups").selectAll().where("org_id", "=", org.id).orderBy("name");
  if (onlyGroupId !== undefined) q = q.where("id", "=", onlyGroupId);
  const groups = await q.execute();
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.id);
  const members = await db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .select(["group_members.group_id", "users.name"])
    .where("group_members.group_id", "in", ids)
    .orderBy("users.name")
    .execute();
  const grants = await selectGrantsOfGroups(db, ids);
  return groups.map((g) => ({
    id: g.id,
    org: org.name,
    name: g.name,
    members: members.filter((m) => m.group_id === g.id).map((m): MemberInfo => ({ user: m.name, role: "member" })),
    grants: grants.filter((x) => x.groupId === g.id).map(({ groupId: _g, ...grant }) => grant),
    createdAt: g.created_at.toISOString(),
  }));
}

/** Adds a user to a group (no-op when already in it); returns whether they were added. */
export async function insertGroupMember(db: Kysely<Database>, groupId: string, userId: string): Promise<boolean> {
  const res = await db
    .insertInto("group_members")
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return res !== undefined;
}

/** Removes a user from a group; returns whether they were in it. */
export async function deleteGroupMember(db: Kysely<Database>, groupId: string, userId: string): Promise<boolean> {
  const res = await db.deleteFrom("group_members").where("group_id", "=", groupId).where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
