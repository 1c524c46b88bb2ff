import { type Actor, can, requireAllowed, userIdOf } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { ensureUser, getUserByName } from "../users/index.js";
import { commitAccessChange, requireGroupsManage } from "./access-change.js";
import { selectGroups } from "./group-queries.js";
import { requireIdentityName } from "./identity-names.js";
import type { OrgDetail, OrgInfo, OrgRole } from "./identity-types.js";
import { deleteOrgMember, deleteOrgRow, findOrgByName, requireOrg, selectOrgMembers, selectOrgs, upsertOrgMember } from "./org-queries.js";

/**
 * Creates an organization (needs `groups:manage`), optionally with a first owner.
 *
 * @example
 * await createOrg(ctx, actor, { name: "data-science", owner: "alice" });
 */
export async function createOrg(ctx: DomainContext, actor: Actor, input: { name: string; owner?: string }, meta: RequestMeta = {}): Promise<OrgInfo> {
  requireGroupsManage(actor);
  requireIdentityName(input.name, "org");
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    if (await findOrgByName(tx, input.name)) {
      throw new DomainError("ALREADY_EXISTS", `an organization named '${input.name}' already exists`, "name");
    }
    const id = newId("org");
    await tx.insertInto("organizations").values({ id, name: input.name, created_at: ctx.now() }).execute();
    if (input.owner !== undefined) {
      const owner = await ensureUser(tx, input.owner);
      await upsertOrgMember(tx, id, owner.id, "owner");
    }
    return { value: id, action: "org.create", target: `org:${input.name}`, detail: { owner: input.owner ?? null } };
  });
  return getOrgInfo(ctx, input.name);
}

async function getOrgInfo(ctx: DomainContext, name: string): Promise<OrgInfo> {
  const org = (await selectOrgs(ctx.db)).find((o) => o.name === name);
  if (!org) throw new DomainError("NOT_FOUND", `no organization named '${name}'`, "org");
  return org;
}

/** Deletes an organization with its groups, members and grants (needs `groups:manage`). */
export async function deleteOrg(ctx: DomainContext, actor: Actor, name: string, meta: RequestMeta = {}): Promise<void> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, name);
    await deleteOrgRow(tx, org.id);
    return { value: undefined, action: "org.delete", target: `org:${name}` };
  });
}

/**
 * Organizations the actor may see: all with `api:read` or `groups:manage`,
 * otherwise only those the actor's user belongs to.
 */
export async function listOrgs(ctx: DomainContext, actor: Actor): Promise<OrgInfo[]> {
  if (can(actor, "api:read") || can(actor, "groups:manage")) return selectOrgs(ctx.db);
  const userId = userIdOf(actor);
  if (userId === null) {
    requireAllowed(actor, "api:read");
    return [];
  }
  return selectOrgs(ctx.db, userId);
}

/** One organization with its members and groups; members of it may read it, others need `api:read`. */
export async function getOrg(ctx: DomainContext, actor: Actor, name: string): Promise<OrgDetail> {
  const visible = await listOrgs(ctx, actor);
  const info = visible.find((o) => o.name === name);
  if (!info) throw new DomainError("NOT_FOUND", `no organization named '${name}'; list them with \`gatehouse list orgs\``, "org");
  const org = { id: info.id, name: info.name };
  return { ...info, memberList: await selectOrgMembers(ctx.db, org.id), groupList: await selectGroups(ctx.db, org) };
}

/** Adds a user to an organization (creating the user on first use), or changes their role. */
export async function addOrgMember(
  ctx: DomainContext,
  actor: Actor,
  input: { org: string; user: string; role?: OrgRole },
  meta: RequestMeta = {},
): Promise<OrgDetail> {
  requireGroupsManage(actor);
  const role = input.role ?? "member";
  if (role !== "owner" && role !== "member") throw new DomainError("INVALID_INPUT", `unknown role '${String(role)}': use owner or member`, "role");
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    const user = await ensureUser(tx, input.user);
    const before = await upsertOrgMember(tx, org.id, user.id, role);
    return { value: undefined, action: "org.member.add", target: `org:${org.name}`, detail: { user: user.name, role, before } };
  });
  return getOrg(ctx, actor, input.org);
}

/** Removes a user from an organization and all its groups. */
export async function removeOrgMember(ctx: DomainContext, actor: Actor, input: { org: string; user: string }, meta: RequestMeta = {}): Promise<OrgDetail> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    const user = await getUserByName(tx, input.user);
    if (!(await deleteOrgMember(tx, org.id, user.id))) {
      throw new DomainError("NOT_FOUND", `user '${user.name}' is not a member of organization '${org.name}'`, "user");
    }
    return { value: undefined, action: "org.member.remove", target: `org:${org.name}`, detail: { user: user.name } };
  });
  return getOrg(ctx, actor, input.org);
}
