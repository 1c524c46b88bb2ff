import type { Kysely } from "kysely";
import { decideRepoAdmin, reposServingSource } from "../access/repo-permissions.js";
import { type Actor, can, userIdOf } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { Database, SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { normalizeNameFor } from "../files/inspectors.js";
import { findSourceByName } from "../repos/index.js";
import { ensureUser } from "../users/index.js";
import { commitAccessChange } from "./access-change.js";
import type { PackageAccessInfo } from "./identity-types.js";

/** Names a package of a source, as users type it. */
export interface PackageRef {
  source: string;
  name: string;
}

/** What to change about a package: its privacy and (for managers only) its owner. */
export interface SetPackageAccessInput extends PackageRef {
  private?: boolean;
  /** A user name, or null for no owner. Needs `groups:manage`. */
  owner?: string | null;
}

interface PackageRow {
  private: boolean;
  owner_id: string | null;
  owner: string | null;
  updated_at: Date;
}

async function requireSource(db: Kysely<Database>, name: string): Promise<SourceRow> {
  const source = await findSourceByName(db, name);
  if (!source) throw new DomainError("NOT_FOUND", `no source named '${name}'`, "source");
  return source;
}

async function findPackage(db: Kysely<Database>, sourceId: string, project: string): Promise<PackageRow | undefined> {
  return db
    .selectFrom("packages")
    .leftJoin("users", "users.id", "packages.owner_id")
    .select(["packages.private", "packages.owner_id", "users.name as owner", "packages.updated_at"])
    .where("packages.source_id", "=", sourceId)
    .where("packages.project", "=", project)
    .executeTakeFirst();
}

function toInfo(source: SourceRow, project: string, row: PackageRow): PackageAccessInfo {
  return { source: source.name, project, private: row.private, owner: row.owner, updatedAt: row.updated_at.toISOString() };
}

/** Whether the actor owns the package and may write to its source: enough to change its privacy. */
function isOwnerWriter(actor: Actor, source: SourceRow, row: PackageRow | undefined): boolean {
  const userId = userIdOf(actor);
  return (
    row !== undefined &&
    userId !== null &&
    row.owner_id === userId &&
    can(actor, "source:write", { source: source.name, sourceKind: source.kind })
  );
}

/** Whether a group grant makes the actor an admin of a repo serving the source (within a write-capable token). */
async function isRepoAdmin(ctx: DomainContext, actor: Actor, source: SourceRow): Promise<boolean> {
  if (userIdOf(actor) === null) return false;
  const repoIds = await reposServingSource(ctx, source.id);
  const decision = await decideRepoAdmin(ctx, actor, { action: "groups:manage" }, { repoIds, type: source.kind, what: `a repo serving source "${source.name}"` });
  return decision.allowed;
}

/**
 * Makes a package of a source private or public again, or changes its owner.
 * Allowed with `groups:manage`, for the package's owner with write access to
 * its source, or for members of a group with `admin` on a repo serving the
 * source (neither of the latter may hand the package to someone else). A manager may
 * declare a package private before its first upload.
 *
 * @example
 * await setPackageAccess(ctx, actor, { source: "internal", name: "Secret_Sauce", private: true });
 */
export async function setPackageAccess(ctx: DomainContext, actor: Actor, input: SetPackageAccessInput, meta: RequestMeta = {}): Promise<PackageAccessInfo> {
  if (input.private === undefined && input.owner === undefined) {
    throw new DomainError("INVALID_INPUT", "say what to change: private (true or false) and/or owner", "private");
  }
  const source = await requireSource(ctx.db, input.source);
  const project = normalizeNameFor(source.kind, input.name.trim());
  const manager = can(actor, "groups:manage");
  const current = await findPackage(ctx.db, source.id, project);
  // One refusal for "not yours" and "no such package", so the answer never reveals a private package.
  if (!manager && !isOwnerWriter(actor, source, current) && !(await isRepoAdmin(ctx, actor, source))) {
    throw new DomainError(
      actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
      "changing a package's access needs api:modify-group, owning the package and write access to its source, or an admin grant on a repo serving the source",
    );
  }
  if (!manager && input.owner !== undefined) {
    throw new DomainError("FORBIDDEN", "changing a package's owner needs api:modify-group", "owner");
  }
  const now = ctx.now();
  await commitAccessChange(ctx, actor, meta, async (tx) => {
    const ownerId = input.owner === undefined ? (current?.owner_id ?? null) : input.owner === null ? null : (await ensureUser(tx, input.owner)).id;
    const isPrivate = input.private ?? current?.private ?? false;
    await tx
      .insertInto("packages")
      .values({ source_id: source.id, project, private: isPrivate, owner_id: ownerId, updated_at: now })
      .onConflict((oc) => oc.columns(["source_id", "project"]).doUpdateSet({ private: isPrivate, owner_id: ownerId, updated_at: now }))
      .execute();
    return {
      value: undefined,
      action: "package.access",
      target: `source:${source.name}/${project}`,
      detail: { private: isPrivate, owner: input.owner ?? current?.owner ?? null, before: current ? { private: current.private, owner: current.owner } : null },
      // Index pages are cached per project: dropping this one's pages makes the change visible at once.
      also: [{ kind: "package", sourceId: source.id, project }],
    };
  });
  const updated = await findPackage(ctx.db, source.id, project);
  if (!updated) throw new DomainError("INTERNAL", "package vanished after update");
  return toInfo(source, project, updated);
}

/** A package's access settings: for managers, `api:read` holders and the package's owner; NOT_FOUND for anyone else. */
export async function getPackageAccess(ctx: DomainContext, actor: Actor, input: PackageRef): Promise<PackageAccessInfo> {
  const source = await requireSource(ctx.db, input.source);
  const project = normalizeNameFor(source.kind, input.name.trim());
  const row = await findPackage(ctx.db, source.id, project);
  const mayRead = can(actor, "groups:manage") || can(actor, "api:read") || (row !== undefined && row.owner_id !== null && row.owner_id === userIdOf(actor));
  if (!row || !mayRead) throw new DomainError("NOT_FOUND", `no package '${project}' in source '${source.name}'`, "name");
  return toInfo(source, project, row);
}

/** Access settings of a source's packages (private ones only when asked); needs `api:read` or `groups:manage`. */
export async function listPackageAccess(ctx: DomainContext, actor: Actor, input: { source: string; privateOnly?: boolean }): Promise<PackageAccessInfo[]> {
  if (!can(actor, "api:read") && !can(actor, "groups:manage")) {
    throw new DomainError(actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "listing package access needs api:read or api:modify-group");
  }
  const source = await requireSource(ctx.db, input.source);
  let q = ctx.db
    .selectFrom("packages")
    .leftJoin("users", "users.id", "packages.owner_id")
    .select(["packages.project", "packages.private", "packages.owner_id", "users.name as owner", "packages.updated_at"])
    .where("packages.source_id", "=", source.id)
    .orderBy("packages.project");
  if (input.privateOnly) q = q.where("packages.private", "=", true);
  const rows = await q.execute();
  return rows.map((r) => toInfo(source, r.project, r));
}
