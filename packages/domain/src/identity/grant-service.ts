import type { Actor } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { Permission } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { normalizeNameFor } from "../files/inspectors.js";
import { newId } from "../ids.js";
import { findRepoByName, noSuchRepo } from "../repos/index.js";
import { commitAccessChange, requireGroupsManage } from "./access-change.js";
import { findGrant } from "./grant-queries.js";
import { requireGroup } from "./group-queries.js";
import { type GroupRef, getGroup } from "./group-service.js";
import { type GroupInfo, PERMISSIONS, isPermission } from "./identity-types.js";
import { requireOrg } from "./org-queries.js";

/** What a grant applies to: a repo, or one package of it. */
export interface GrantTarget extends GroupRef {
  repo: string;
  /** Package name as users type it; normalized the way the repo's type names projects. */
  package?: string;
}

/**
 * Grants a group `read`, `write` or `admin` on a repo or on one package of it
 * (needs `groups:manage`). Granting the same target again changes the permission.
 *
 * @example
 * await grantAccess(ctx, actor, { org: "ds", group: "analysts", repo: "pypi", package: "Secret_Sauce", permission: "read" });
 */
export async function grantAccess(
  ctx: DomainContext,
  actor: Actor,
  input: GrantTarget & { permission: string },
  meta: RequestMeta = {},
): Promise<GroupInfo> {
  requireGroupsManage(actor);
  if (!isPermission(input.permission)) {
    throw new DomainError("INVALID_INPUT", `unknown permission '${input.permission}': use one of ${PERMISSIONS.join(", ")}`, "permission");
  }
  const permission: Permission = input.permission;
  // The hint reads the database, so it is looked for before the transaction (PGlite has one connection).
  if (!(await findRepoByName(ctx.db, input.repo))) throw await noSuchRepo(ctx, actor, input.repo, "repo");
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const { org, group, repo, pkg } = await resolveTarget(tx, input);
    const existing = await findGrant(tx, group.id, repo.id, pkg);
    if (existing) {
      await tx.updateTable("group_grants").set({ permission }).where("id", "=", existing.id).execute();
    } else {
      await tx
        .insertInto("group_grants")
        .values({ id: newId("gnt"), group_id: group.id, repo_id: repo.id, package: pkg, permission, created_at: ctx.now() })
        .execute();
    }
    return {
      value: undefined,
      action: "group.grant",
      target: `group:${org.name}/${group.name}`,
      detail: { repo: repo.name, package: pkg, permission, before: existing?.permission ?? null },
    };
  });
  return getGroup(ctx, actor, input);
}

/** Withdraws a group's grant on a repo or on one package of it (needs `groups:manage`). */
export async function revokeGrant(ctx: DomainContext, actor: Actor, input: GrantTarget, meta: RequestMeta = {}): Promise<GroupInfo> {
  requireGroupsManage(actor);
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const { org, group, repo, pkg } = await resolveTarget(tx, input);
    const existing = await findGrant(tx, group.id, repo.id, pkg);
    if (!existing) {
      const what = pkg === null ? `repo '${repo.name}'` : `package '${pkg}' of repo '${repo.name}'`;
      throw new DomainError("NOT_FOUND", `group '${org.name}/${group.name}' has no grant on ${what}`, pkg === null ? "repo" : "package");
    }
    await tx.deleteFrom("group_grants").where("id", "=", existing.id).execute();
    return {
      value: undefined,
      action: "group.revoke",
      target: `group:${org.name}/${group.name}`,
      detail: { repo: repo.name, package: pkg, permission: existing.permission },
    };
  });
  return getGroup(ctx, actor, input);
}

async function resolveTarget(tx: DomainContext["db"], input: GrantTarget) {
  const org = await requireOrg(tx, input.org);
  const group = await requireGroup(tx, org, input.group);
  const repo = await findRepoByName(tx, input.repo);
  if (!repo) throw new DomainError("NOT_FOUND", `no repo named '${input.repo}'; list them with \`gatehouse list repos\``, "repo");
  const raw = input.package?.trim();
  const pkg = raw ? normalizeNameFor(repo.type, raw) : null;
  return { org, group, repo, pkg };
}
