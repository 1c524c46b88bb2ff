import { didYouMean } from "@gatehouse/scope-engine";
import type { Actor } from "../auth/index.js";
import type { Catalog } from "../catalog/index.js";
import type { DomainContext } from "../context.js";
import type { PackageFileRow, RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { noSuchRepo } from "../repos/name-hints.js";
import { normalizeNameFor } from "./inspectors.js";

/** One file of a package as `gatehouse info` shows it. */
export interface PackageDetailFile {
  filename: string;
  /** The source that serves it (first source wins a version present in several). */
  source: string;
  kind: PackageFileRow["kind"];
  size: number;
  sha256: string;
  subdir: string | null;
  biocVersion: string | null;
  /** conda labels; empty for other kinds. */
  labels: string[];
  yanked: boolean;
  yankedReason: string | null;
  publishedAt: string;
}

/** A package of a repo as the caller sees it now: versions in publication order, each with its files. */
export interface PackageDetail {
  repo: { name: string; type: RepoType; authenticated: boolean };
  project: string;
  name: string;
  /** Private in any source serving it: only its owner, granted groups and managers see it. */
  private: boolean;
  owner: string | null;
  versions: { version: string; files: PackageDetailFile[] }[];
}

/**
 * A package's versions, files (sizes, sha256, serving source, labels, yanks)
 * and visibility, read through the catalog so the caller sees exactly what the
 * repo's indexes show them. A package they may not see is NOT_FOUND, as if absent.
 *
 * @example await packageDetail(domain, actor, { repo: "pypi", name: "Requests" })
 */
export async function packageDetail(ctx: DomainContext & { catalog: Catalog }, actor: Actor, input: { repo: string; name: string }): Promise<PackageDetail> {
  // An unknown repo gets a hint among the repos this caller reads; anonymous callers get the reader's 401, as for any repo.
  if (actor.kind !== "anonymous" && (await ctx.catalog.repo(input.repo)) === undefined) throw await noSuchRepo(ctx, actor, input.repo, "repo");
  const reader = await ctx.catalog.reader(actor, input.repo);
  const project = normalizeNameFor(reader.repo.type, input.name);
  const files = reader.sees(project) ? await reader.files(null, { project }) : [];
  if (files.length === 0) {
    // Only names this caller sees can be hinted (private packages stay unseen). Reading
    // the whole repo is the cost of a hint, so anonymous misses (easily sent in bulk) get none.
    const visible = actor.kind === "anonymous" ? [] : new Set((await reader.files(null)).map((f) => f.project));
    throw new DomainError("NOT_FOUND", `no package '${input.name}' in repo '${reader.repo.name}'${didYouMean(project, visible)}`, "name");
  }
  const sourceName = new Map(reader.sources.map((s) => [s.id, s.name]));
  const ids = files.map((f) => f.id);
  const [labels, packages] = await Promise.all([
    ctx.db.selectFrom("file_labels").select(["file_id", "label"]).where("file_id", "in", ids).where("removed_at", "is", null).orderBy("label").execute(),
    ctx.db
      .selectFrom("packages")
      .leftJoin("users", "users.id", "packages.owner_id")
      .select(["packages.private", "users.name as owner"])
      .where("packages.source_id", "in", [...new Set(files.map((f) => f.source_id))])
      .where("packages.project", "=", project)
      .execute(),
  ]);
  const labelsOf = new Map<string, string[]>();
  for (const l of labels) labelsOf.set(l.file_id, [...(labelsOf.get(l.file_id) ?? []), l.label]);
  const versions = new Map<string, PackageDetailFile[]>();
  for (const f of [...files].sort((a, b) => a.published_at.getTime() - b.published_at.getTime() || a.filename.localeCompare(b.filename))) {
    const entry: PackageDetailFile = {
      filename: f.filename,
      source: sourceName.get(f.source_id) ?? f.source_id,
      kind: f.kind,
      size: Number(f.size),
      sha256: f.sha256,
      subdir: f.subdir,
      biocVersion: f.bioc_version,
      labels: labelsOf.get(f.id) ?? [],
      yanked: f.yanked_reason !== null,
      yankedReason: f.yanked_reason,
      publishedAt: f.published_at.toISOString(),
    };
    versions.set(f.version, [...(versions.get(f.version) ?? []), entry]);
  }
  const latest = files.reduce((a, b) => (b.published_at > a.published_at ? b : a));
  return {
    repo: { name: reader.repo.name, type: reader.repo.type, authenticated: reader.repo.authenticated },
    project,
    name: latest.name,
    private: packages.some((p) => p.private),
    // Whoever sees the package may see who owns it, as PyPI shows maintainers.
    owner: packages.find((p) => p.owner !== null)?.owner ?? null,
    versions: [...versions].map(([version, list]) => ({ version, files: list })),
  };
}
