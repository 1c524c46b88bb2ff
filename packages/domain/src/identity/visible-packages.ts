import type { Visibility } from "../access/visibility.js";
import type { Actor } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { RepoView } from "../files/repo-view.js";
import { loadRepoView, selectVisibleFiles } from "../files/repo-view.js";
import { DomainError } from "../errors/index.js";
import { requireRepoRead } from "../repos/index.js";

/** A package of a repo as a viewer sees it now. */
export interface VisiblePackage {
  project: string;
  name: string;
  /** Versions served, in publication order. */
  versions: string[];
}

/** Anything that tells what a viewer may not see (the server's `VisibilityResolver`). */
export interface VisibilitySource {
  forViewer(actor: Actor, view: RepoView): Promise<Visibility>;
}

/**
 * Packages a repo serves to this viewer now: private packages they may not see
 * are absent, exactly as in the repo's indexes. Needs read access to the repo.
 *
 * @example
 * const packages = await listVisiblePackages(ctx, actor, resolver, "pypi");
 */
export async function listVisiblePackages(ctx: DomainContext, actor: Actor, visibility: VisibilitySource, repo: string): Promise<VisiblePackage[]> {
  const view = await loadRepoView(ctx.db, repo);
  if (!view) throw new DomainError("NOT_FOUND", `no repo named '${repo}'`, "repo");
  requireRepoRead(actor, view.repo);
  const { hidden } = await visibility.forViewer(actor, view);
  const files = await selectVisibleFiles(ctx.db, view, null, { exclude: hidden });
  const byProject = new Map<string, VisiblePackage>();
  const ordered = [...files].sort((a, b) => a.published_at.getTime() - b.published_at.getTime());
  for (const f of ordered) {
    const entry = byProject.get(f.project) ?? { project: f.project, name: f.name, versions: [] };
    if (!entry.versions.includes(f.version)) entry.versions.push(f.version);
    byProject.set(f.project, entry);
  }
  return [...byProject.values()].sort((a, b) => a.project.localeCompare(b.project));
}
