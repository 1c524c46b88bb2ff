import type { Actor } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { ensureUser, getUserByName } from "../users/index.js";
import { commitAccessChange, requireGroupsManage } from "./access-change.js";
import { deleteGroupMember, hasGroup, insertGroupMember, requireGroup } from "./group-queries.js";
import { requireIdentityName } from "./identity-names.js";
import type { GroupInfo } from "./identity-types.js";
import { ensureOrgMember, requireOrg } from "./org-queries.js";
import { getOrg } from "./org-service.js";

/** Names one group: its organization and its name there. */
export interface GroupRef {
  org: string;
  group: string;
}

/**
 * Creates a group in an organization (needs `groups:manage`).
 *
 * @example
 * await createGroup(ctx, actor, { org: "data-science", group: "analysts" });
 */
export async function createGroup(ctx: DomainContext, actor: Actor, input: GroupRef, meta: RequestMeta = {}): Promise<GroupInfo> {
  requireGroupsManage(actor);
  requireIdentityName(input.group, "group");
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    if (await hasGroup(tx, org.id, input.group)) {
      throw new DomainError("ALREADY_EXISTS", `organization '${org.name}' already has a group named '${input.group}'`, "name");
    }
    await tx.insertInto("groups").values({ id: newId("grp"), org_id: org.id, name: input.group, created_at: ctx.now() }).execute();
    return { value: undefined, action: "group.create", target: `group:${org.name}/${input.group}` };
  });
  return getGroup(ctx, actor, input);
}

/** Deletes a group with its memberships and grants (needs `groups:manage`). */
export async function deleteGroup(ctx: DomainContext, actor: Actor, input: GroupRef, meta: RequestMeta = {}): Promise<void> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    const group = await requireGroup(tx, org, input.group);
    await tx.deleteFrom("groups").where("id", "=", group.id).execute();
    return { value: undefined, action: "group.delete", target: `group:${org.name}/${group.name}` };
  });
}

/** Groups of an organization, with members and grants (members of the org may read them). */
export async function listGroups(ctx: DomainContext, actor: Actor, org: string): Promise<GroupInfo[]> {
  return (await getOrg(ctx, actor, org)).groupList;
}

/** One group with its members and grants. */
export async function getGroup(ctx: DomainContext, actor: Actor, input: GroupRef): Promise<GroupInfo> {
  const group = (await listGroups(ctx, actor, input.org)).find((g) => g.name === input.group);
  if (!group) {
    throw new DomainError("NOT_FOUND", `organization '${input.org}' has no group named '${input.group}'`, "group");
  }
  return group;
}

/** Adds a user to a group, and to the group's organization when not yet in it (needs `groups:manage`). */
export async function addGroupMember(ctx: DomainContext, actor: Actor, input: GroupRef & { user: string }, meta: RequestMeta = {}): Promise<GroupInfo> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    const group = await requireGroup(tx, org, input.group);
    const user = await ensureUser(tx, input.user);
    await ensureOrgMember(tx, org.id, user.id);
    const added = await insertGroupMember(tx, group.id, user.id);
    return { value: undefined, action: "group.member.add", target: `group:${org.name}/${group.name}`, detail: { user: user.name, added } };
  });
  return getGroup(ctx, actor, input);
}

/** Removes a user from a group (they stay in the organization). */
export async function removeGroupMember(ctx: DomainContext, actor: Actor, input: GroupRef & { user: string }, meta: RequestMeta = {}): Promise<GroupInfo> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const org = await requireOrg(tx, input.org);
    const group = await requireGroup(tx, org, input.group);
    const user = await getUserByName(tx, input.user);
    if (!(await deleteGroupMember(tx, group.id, user.id))) {
      throw new DomainError("NOT_FOUND", `user '${user.name}' is not in group '${org.name}/${group.name}'`, "user");
    }
    return { value: undefined, action: "group.member.remove", target: `group:${org.name}/${group.name}`, detail: { user: user.name } };
  });
  return getGroup(ctx, actor, input);
}

