import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { Database } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { noSuchRepo } from "../repos/name-hints.js";
import { findRepoByName } from "../repos/repo-queries.js";
import { type RuleRow, findActiveRule, markRuleRemoved, selectActiveRules } from "./blocklist-queries.js";
import type { BlocklistRuleInfo, CreateBlocklistRuleInput } from "./blocklist-types.js";
import { requirePackageName } from "./package-name.js";
import { requireReason, requireVersions } from "./rule-input.js";

function toRuleInfo(row: RuleRow): BlocklistRuleInfo {
  return {
    id: row.id,
    name: row.package,
    versions: row.version_spec,
    repo: row.repo_name,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Runs a rule change in one transaction with its audit entry and a `blocklist` change record,
 * then tells this process's caches (the read path's matcher) to reload.
 */
async function commitRuleChange<T>(
  ctx: DomainContext,
  actor: Actor,
  meta: RequestMeta,
  work: (tx: Kysely<Database>) => Promise<{ value: T; action: string; target: string; detail: Record<string, unknown> }>,
): Promise<T> {
  const done = await ctx.db.transaction().execute(async (tx) => {
    const outcome = await work(tx);
    await recordChange(tx, { kind: "blocklist" });
    await recordAudit(tx, { actor: describeActor(actor), action: outcome.action, target: outcome.target, address: meta.address ?? null, detail: outcome.detail });
    return outcome;
  });
  ctx.bus.publish({ kind: "blocklist" });
  return done.value;
}

/**
 * Creates a blocklist rule (needs `blocklist:manage`, given by `blocklist:admin`): files of the package
 * in the range (every version without one), in the repo (every repo without one), disappear from indexes and downloads.
 *
 * @example
 * await createBlocklistRule(ctx, actor, { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" });
 */
export async function createBlocklistRule(ctx: DomainContext, actor: Actor, input: CreateBlocklistRuleInput, meta: RequestMeta = {}): Promise<BlocklistRuleInfo> {
  requireAllowed(actor, "blocklist:manage");
  const name = requirePackageName(input.name);
  const reason = requireReason(input.reason);
  const repoName = input.repo?.trim() || null;
  const id = newId("blk");
  // The hint reads the database, so it is looked for before the transaction (PGlite has one connection).
  if (repoName !== null && !(await findRepoByName(ctx.db, repoName))) {
    throw await noSuchRepo(ctx, actor, repoName, "repo", "list them with `gatehouse list repos`, or leave --repo out to block the package everywhere");
  }
  await commitRuleChange(ctx, actor, meta, async (tx) => {
    const repo = repoName === null ? undefined : await findRepoByName(tx, repoName);
    if (repoName !== null && repo === undefined) {
      throw new DomainError("NOT_FOUND", `no repo named '${repoName}'; list them with \`gatehouse list repos\`, or leave --repo out to block the package everywhere`, "repo");
    }
    const versions = requireVersions(input.versions, repo?.type ?? null);
    await tx
      .insertInto("blocklist_rules")
      .values({ id, package: name, version_spec: versions, repo_id: repo?.id ?? null, reason, created_by: describeActor(actor), created_at: ctx.now() })
      .execute();
    return { value: undefined, action: "blocklist.create", target: `blocklist:${id}`, detail: { name, versions, repo: repoName, reason } };
  });
  const created = await findActiveRule(ctx.db, id);
  if (created === undefined) throw new DomainError("INTERNAL", `blocklist rule ${id} vanished after it was created`);
  return toRuleInfo(created);
}

/** The rules in force, oldest first (needs `blocklist:read`). */
export async function listBlocklistRules(ctx: DomainContext, actor: Actor): Promise<BlocklistRuleInfo[]> {
  requireAllowed(actor, "blocklist:read");
  return (await selectActiveRules(ctx.db)).map(toRuleInfo);
}

/** Deletes a rule (needs `blocklist:manage`); the row stays, marked removed, for history. Returns the rule as it was. */
export async function deleteBlocklistRule(ctx: DomainContext, actor: Actor, id: string, meta: RequestMeta = {}): Promise<BlocklistRuleInfo> {
  requireAllowed(actor, "blocklist:manage");
  return commitRuleChange(ctx, actor, meta, async (tx) => {
    const row = await findActiveRule(tx, id.trim());
    if (row === undefined || !(await markRuleRemoved(tx, row.id, ctx.now()))) {
      throw new DomainError("NOT_FOUND", `no blocklist rule with id '${id}'; list them with \`gatehouse list blocklist-rules\``, "id");
    }
    const rule = toRuleInfo(row);
    return { value: rule, action: "blocklist.delete", target: `blocklist:${row.id}`, detail: { name: rule.name, versions: rule.versions, repo: rule.repo } };
  });
}
