import type { Kysely, Selectable } from "kysely";
import type { Database, OrganizationsTable } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import type { MemberInfo, OrgInfo, OrgRole } from "./identity-types.js";

/** An organization row. */
export type OrgRow = Selectable<OrganizationsTable>;

/** Finds an organization by name. */
export async function findOrgByName(db: Kysely<Database>, name: string): Promise<OrgRow | undefined> {
  return db.selectFrom("organizations").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Finds an organization by name or throws NOT_FOUND naming the `org` field. */
export async function requireOrg(db: Kysely<Database>, name: string): Promise<OrgRow> {
  const org = await findOrgByName(db, name);
  if (!org) throw new DomainError("NOT_FOUND", `no organization named '${name}'; list them with \`gatehouse list orgs\``, "org");
  return org;
}

/** Organizations with their member and group counts, by name; only those of one user when given. */
export async function selectOrgs(db: Kysely<Database>, onlyUserId?: string): Promise<OrgInfo[]> {
  let q = db
    .selectFrom("organizations as o")
    .select((eb) => [
      "o.id",
      "o.name",
      "o.created_at",
      eb.selectFrom("org_members").select(eb.fn.countAll<string>().as("n")).whereRef("org_members.org_id", "=", "o.id").as("members"),
      eb.selectFrom("groups").select(eb.fn.countAll<string>().as("n")).whereRef("groups.org_id", "=", "o.id").as("groups"),
    ])
    .orderBy("o.name");
  if (onlyUserId !== undefined) {
    q = q.where((eb) => eb.exists(eb.selectFrom("org_members").select("user_id").whereRef("org_members.org_id", "=", "o.id").where("org_members.user_id", "=", onlyUserId)));
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: Number(r.members ?? 0), groups: Number(r.groups ?? 0), createdAt: r.created_at.toISOString() }));
}

/** Members of an organization, by user name. */
export async function selectOrgMembers(db: Kysely<Database>, orgId: string): Promise<MemberInfo[]> {
  const rows = await db
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select(["users.name", "org_members.role"])
    .where("org_members.org_id", "=", orgId)
    .orderBy("users.name")
    .execute();
  return rows.map((r) => ({ user: r.name, role: r.role }));
}

/** Adds a user to an organization, or changes their role; returns the role they had before (if any). */
export async function upsertOrgMember(db: Kysely<Database>, orgId: string, userId: string, role: OrgRole): Promise<OrgRole | null> {
  const before = await db.selectFrom("org_members").select("role").where("org_id", "=", orgId).where("user_id", "=", userId).executeTakeFirst();
  await db
    .insertInto("org_members")
    .values({ org_id: orgId, user_id: userId, role })
    .onConflict((oc) => oc.columns(["org_id", "user_id"]).doUpdateSet({ role }))
    .execute();
  return before?.role ?? null;
}

/** Makes a user a member of an organization unless they already belong to it (keeps an owner an owner). */
export async function ensureOrgMember(db: Kysely<Database>, orgId: string, userId: string): Promise<void> {
  await db
    .insertInto("org_members")
    .values({ org_id: orgId, user_id: userId, role: "member" })
    .onConflict((oc) => oc.columns(["org_id", "user_id"]).doNothing())
    .execute();
}

/** Removes a user from an organization and from every group of it; returns whether they were a member. */
export async function deleteOrgMember(db: Kysely<Database>, orgId: string, userId: string): Promise<boolean> {
  await db
    .deleteFrom("group_members")
    .where("user_id", "=", userId)
    .where("group_id", "in", db.selectFrom("groups").select("id").where("org_id", "=", orgId))
    .execute();
  const res = await db.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * Deletes an organization; its members, groups and grants go with it (cascades).
 * Tokens created for it keep working but no longer name it.
 */
export async function deleteOrgRow(db: Kysely<Database>, orgId: string): Promise<void> {
  await db.updateTable("tokens").set({ org_id: null }).where("org_id", "=", orgId).execute();
  await db.deleteFrom("organizations").where("id", "=", orgId).execute();
}
