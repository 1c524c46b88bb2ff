import { isValidCondaLabel } from "@gatehouse/repo-index";
import { recordAudit } from "../audit/index.js";
import { privateProjectsClosedTo } from "../access/private-packages.js";
import { decideRepoAdmin, reposServingSource } from "../access/repo-permissions.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import type { SourceRow } from "../db/index.js";
import { findSourceByName, noSuchSource } from "../repos/index.js";
import { type PackageFileInfo, toPackageFileInfo } from "./package-file-info.js";

/** One file of a conda source, by source name and filename. */
export interface FileRef {
  source: string;
  filename: string;
}

/** Labels to add to and remove from a file; removing a label it lacks is refused (typos show). */
export interface EditLabelsInput extends FileRef {
  add?: readonly string[];
  remove?: readonly string[];
}

/** Move a file from one label to another (`from` left out: add `to`, keeping the others). */
export interface MoveLabelInput extends FileRef {
  from?: string;
  to: string;
}

/** What a label edit did: the file with its labels afterwards, and what actually changed. */
export interface LabelChange {
  file: PackageFileInfo;
  added: string[];
  removed: string[];
}

type Plan = (current: ReadonlySet<string>) => { add: readonly string[]; remove: readonly string[] };

/** Refuses a label name conda cannot serve, naming the flag. */
export function checkLabel(label: string, field: string): void {
  if (!isValidCondaLabel(label)) {
    throw new DomainError("INVALID_INPUT", `invalid label '${label}': use lowercase letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`, field);
  }
}

/**
 * Applies a label plan to one live file inside a transaction that locks the file,
 * so concurrent edits of the same file serialize. Old label rows get `removed_at`
 * and new rows an `added_at` of the same instant, so dated snapshots stay right.
 */
/**
 * The conda source whose labels the actor may change: its writers, or admins
 * of a repo that serves it (group grant). Refuses other kinds of source.
 */
export async function requireLabelEditor(ctx: DomainContext, actor: Actor, sourceName: string): Promise<SourceRow> {
  const source = await findSourceByName(ctx.db, sourceName);
  if (!source) throw await noSuchSource(ctx, actor, sourceName);
  const resource = { source: source.name, sourceKind: source.kind };
  const decision = await decideRepoAdmin(ctx, actor, { action: "source:write", resource }, { repoIds: await reposServingSource(ctx, source.id), type: source.kind, what: `a repo serving source "${source.name}"` });
  if (!decision.allowed) requireAllowed(actor, "source:write", resource);
  if (source.kind !== "conda") {
    throw new DomainError("INVALID_INPUT", `labels are a conda feature; source '${source.name}' holds ${source.kind} packages`, "source");
  }
  return source;
}

async function changeLabels(ctx: DomainContext, actor: Actor, ref: FileRef, plan: Plan, meta: RequestMeta): Promise<LabelChange> {
  const source = await requireLabelEditor(ctx, actor, ref.source);
  const now = ctx.now();
  // A file of someone else's private package is absent to this caller (a file's project never changes).
  const owner = await ctx.db.selectFrom("package_files").select("project").where("source_id", "=", source.id).where("filename", "=", ref.filename).executeTakeFirst();
  const hidden = owner !== undefined && (await privateProjectsClosedTo(ctx, actor, source, [owner.project])).size > 0;
  const result = await ctx.db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom("package_files")
      .selectAll()
      .where("source_id", "=", source.id)
      .where("filename", "=", ref.filename)
      .forUpdate()
      .executeTakeFirst();
    const file = hidden ? undefined : found;
    if (!file) throw new DomainError("NOT_FOUND", `no file '${ref.filename}' in source '${source.name}'`, "file");
    if (file.removed_at) throw new DomainError("NOT_FOUND", `${ref.filename} was removed from source '${source.name}'; its labels can no longer change`, "file");
    const rows = await tx.selectFrom("file_labels").select("label").where("file_id", "=", file.id).where("removed_at", "is", null).execute();
    const current = new Set(rows.map((r) => r.label));
    const { add, remove } = plan(current);
    for (const label of add) checkLabel(label, "add");
    for (const label of remove) checkLabel(label, "remove");
    const removing = [...new Set(remove)].sort();
    const adding = [...new Set(add)].filter((l) => !current.has(l)).sort();
    const both = removing.find((l) => add.includes(l));
    if (both !== undefined) throw new DomainError("INVALID_INPUT", `label '${both}' is both added and removed`, "add");
    const missing = removing.find((l) => !current.has(l));
    if (missing !== undefined) {
      throw new DomainError("NOT_FOUND", `${ref.filename} does not carry label '${missing}' (it has: ${[...current].sort().join(", ") || "none"})`, "remove");
    }
    const next = [...current].filter((l) => !removing.includes(l)).concat(adding).sort();
    if (next.length === 0) {
      throw new DomainError("INVALID_INPUT", `that would leave ${ref.filename} without any label; add another label first, or remove the file`, "remove");
    }
    if (adding.length === 0 && removing.length === 0) return { file, labels: next, added: adding, removed: removing };
    if (removing.length > 0) {
      await tx.updateTable("file_labels").set({ removed_at: now }).where("file_id", "=", file.id).where("label", "in", removing).where("removed_at", "is", null).execute();
    }
    if (adding.length > 0) {
      await tx.insertInto("file_labels").values(adding.map((label) => ({ file_id: file.id, label, added_at: now, removed_at: null }))).execute();
    }
    await recordChange(tx, { kind: "package", sourceId: source.id, project: file.project });
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: "file.labels",
      target: `source:${source.name}/${file.filename}`,
      address: meta.address ?? null,
      detail: { added: adding, removed: removing, labels: next },
    });
    return { file, labels: next, added: adding, removed: removing };
  });
  if (result.added.length > 0 || result.removed.length > 0) ctx.bus.publish({ kind: "package", sourceId: source.id, project: result.file.project });
  return { file: toPackageFileInfo(result.file, source.name, result.labels), added: result.added, removed: result.removed };
}

/**
 * Adds and removes labels of one conda file (needs `source:write` on its source).
 *
 * @example
 * await editFileLabels(ctx, actor, { source: "conda-internal", filename: "app-1.0-0.conda", add: ["dev"], remove: ["main"] });
 */
export async function editFileLabels(ctx: DomainContext, actor: Actor, input: EditLabelsInput, meta: RequestMeta = {}): Promise<LabelChange> {
  const add = input.add ?? [];
  const remove = input.remove ?? [];
  if (add.length === 0 && remove.length === 0) throw new DomainError("INVALID_INPUT", "name at least one label to add or remove", "add");
  return changeLabels(ctx, actor, input, () => ({ add, remove }), meta);
}

/**
 * Moves a conda file from label `from` to label `to` (without `from`: adds `to`).
 *
 * @example
 * await moveFileLabel(ctx, actor, { source: "conda-internal", filename: "app-1.0-0.conda", from: "dev", to: "main" });
 */
export async function moveFileLabel(ctx: DomainContext, actor: Actor, input: MoveLabelInput, meta: RequestMeta = {}): Promise<LabelChange> {
  if (input.from === input.to) throw new DomainError("INVALID_INPUT", `the file already has label '${input.to}': --from and --to are the same`, "to");
  return changeLabels(ctx, actor, input, () => ({ add: [input.to], remove: input.from === undefined ? [] : [input.from] }), meta);
}

/**
 * Gives a conda file exactly these labels (at least one).
 *
 * @example
 * await setFileLabels(ctx, actor, { source: "conda-internal", filename: "app-1.0-0.conda", labels: ["main", "stable"] });
 */
export async function setFileLabels(ctx: DomainContext, actor: Actor, input: FileRef & { labels: readonly string[] }, meta: RequestMeta = {}): Promise<LabelChange> {
  const wanted = new Set(input.labels);
  return changeLabels(ctx, actor, input, (current) => ({ add: [...wanted], remove: [...current].filter((l) => !wanted.has(l)) }), meta);
}
