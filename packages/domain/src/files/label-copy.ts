import { privateProjectsClosedTo } from "../access/private-packages.js";
import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { checkLabel, requireLabelEditor } from "./labels.js";

/** Give every file of a conda source carrying label `from` the label `to` as well (`anaconda label --copy`). */
export interface CopyLabelInput {
  source: string;
  from: string;
  to: string;
}

/** What a label copy did. */
export interface LabelCopy {
  source: string;
  from: string;
  to: string;
  /** Files that gained the label. */
  copied: string[];
  /** Files carrying `from` that already had `to`. */
  alreadyThere: number;
}

/**
 * Copies a label across a conda source in one transaction: each live file with
 * `from` also gets `to` (keeping `from`), stamped with one instant so dated
 * snapshots of `/label/<to>/` show them appear together.
 *
 * @example await copyLabel(ctx, actor, { source: "conda-internal", from: "dev", to: "main" })
 */
export async function copyLabel(ctx: DomainContext, actor: Actor, input: CopyLabelInput, meta: RequestMeta = {}): Promise<LabelCopy> {
  checkLabel(input.from, "from");
  checkLabel(input.to, "to");
  if (input.from === input.to) throw new DomainError("INVALID_INPUT", `--from and --to are both '${input.to}'; name two different labels`, "to");
  const source = await requireLabelEditor(ctx, actor, input.source);
  const now = ctx.now();
  // Private packages of others are not this caller's to relabel: their files are left as they are.
  const closed = [...(await privateProjectsClosedTo(ctx, actor, source))];
  const result = await ctx.db.transaction().execute(async (tx) => {
    let carryingQuery = tx
      .selectFrom("file_labels")
      .innerJoin("package_files", "package_files.id", "file_labels.file_id")
      .select(["package_files.id", "package_files.filename", "package_files.project"])
      .where("package_files.source_id", "=", source.id)
      .where("package_files.removed_at", "is", null)
      .where("file_labels.label", "=", input.from)
      .where("file_labels.removed_at", "is", null);
    if (closed.length > 0) carryingQuery = carryingQuery.where("package_files.project", "not in", closed);
    const carrying = await carryingQuery.orderBy("package_files.filename").forUpdate().execute();
    if (carrying.length === 0) throw new DomainError("NOT_FOUND", `no published file of source '${source.name}' carries label '${input.from}'`, "from");
    const having = await tx.selectFrom("file_labels").select("file_id").where("file_id", "in", carrying.map((f) => f.id)).where("label", "=", input.to).where("removed_at", "is", null).execute();
    const had = new Set(having.map((h) => h.file_id));
    const copying = carrying.filter((f) => !had.has(f.id));
    if (copying.length > 0) {
      await tx.insertInto("file_labels").values(copying.map((f) => ({ file_id: f.id, label: input.to, added_at: now, removed_at: null }))).execute();
      for (const project of new Set(copying.map((f) => f.project))) await recordChange(tx, { kind: "package", sourceId: source.id, project });
      await recordAudit(tx, { actor: describeActor(actor), action: "label.copy", target: `source:${source.name}`, address: meta.address ?? null, detail: { from: input.from, to: input.to, files: copying.map((f) => f.filename) } });
    }
    return { copying, alreadyThere: had.size };
  });
  for (const project of new Set(result.copying.map((f) => f.project))) ctx.bus.publish({ kind: "package", sourceId: source.id, project });
  return { source: source.name, from: input.from, to: input.to, copied: result.copying.map((f) => f.filename), alreadyThere: result.alreadyThere };
}
