import { normalizeProjectName, parseSimpleProjectHtml } from "@gatehouse/repo-index";
import { type Actor, requireAllowed } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { findSourceByName } from "../repos/repo-queries.js";
import { upstreamTokenOf } from "./index-plans.js";
import type { RemoteMirror } from "./remote-mirror.js";
import { syncIndexesOf } from "./sync-indexes.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream, readBounded } from "./upstream-fetch.js";

/** What syncing one project did (or, with dryRun, would do). */
export interface SyncProjectResult {
  project: string;
  /** Live files the mirror lists for the project after reading the upstream. */
  files: number;
  /** Files whose bytes were fetched now (dry run: that would be fetched). */
  fetched: number;
  /** Files already stored. */
  present: number;
  bytes: number;
  failed: { filename: string; error: string }[];
}

/** Finds a remote source for an admin action, refusing a local one by name. */
export async function requireRemoteSource(ctx: DomainContext, actor: Actor, name: string): Promise<SourceRow> {
  requireAllowed(actor, "repos:manage");
  const source = await findSourceByName(ctx.db, name);
  if (!source) throw new DomainError("NOT_FOUND", `no source named '${name}'; list them with \`gatehouse list sources\``, "source");
  if (source.type !== "remote" || source.upstream_url === null) {
    throw new DomainError("INVALID_INPUT", `source '${name}' is a local source: only remote sources (created with --upstream) are synced`, "source");
  }
  return source;
}

/** A project name as the source's rows key it: PEP 503 for python, lower case for conda, as spelt for R. */
function projectKeyOf(source: SourceRow, name: string): string {
  if (source.kind === "python") return normalizeProjectName(name);
  return source.kind === "conda" ? name.toLowerCase() : name;
}

/**
 * Eager mirroring of one project (air-gapped use): reads the upstream index now
 * (a python project's page; for the other kinds the source's aggregate indexes,
 * within the index TTL so a long sync reads each once), then fetches every file
 * not stored yet, verified like a first download. Resumable: stored files are skipped.
 */
export async function syncRemoteProject(ctx: DomainContext, mirror: RemoteMirror, source: SourceRow, name: string, dryRun: boolean): Promise<SyncProjectResult> {
  const project = projectKeyOf(source, name);
  if (source.kind === "python") await mirror.refreshProject(source, project, true);
  else for (const index of await syncIndexesOf(ctx, source, false)) await mirror.refreshIndex(source, index);
  const rows = await ctx.db.selectFrom("package_files").selectAll().where("source_id", "=", source.id).where("project", "=", project).where("removed_at", "is", null).execute();
  const result: SyncProjectResult = { project, files: rows.length, fetched: 0, present: 0, bytes: 0, failed: [] };
  for (const row of rows) {
    if (row.sha256 !== "" && (await ctx.blobs.stat(row.sha256))) {
      result.present++;
      continue;
    }
    if (dryRun) {
      result.fetched++;
      continue;
    }
    try {
      const stored = await mirror.ensureBytes(row);
      result.fetched++;
      result.bytes += stored.size;
    } catch (err) {
      result.failed.push({ filename: row.filename, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/**
 * The project names an upstream lists: a python root index (PEP 691 JSON or
 * PEP 503 HTML); for the other kinds, the packages of the source's aggregate
 * indexes, read now.
 */
export async function listUpstreamProjects(ctx: DomainContext, mirror: RemoteMirror, source: SourceRow): Promise<string[]> {
  if (source.kind !== "python") {
    for (const index of await syncIndexesOf(ctx, source, true)) await mirror.refreshIndex(source, index, true);
    const rows = await ctx.db.selectFrom("package_files").select("project").distinct().where("source_id", "=", source.id).where("removed_at", "is", null).orderBy("project").execute();
    return rows.map((r) => r.project);
  }
  const { url, response } = await getUpstream(source.upstream_url ?? "", {
    allowPrivate: ctx.settings.upstream.allowPrivate,
    timeoutMs: ctx.settings.upstream.timeoutSeconds * 1000,
    accept: "application/vnd.pypi.simple.v1+json, text/html;q=0.1",
    token: upstreamTokenOf(ctx, source),
  });
  const body = (await readBounded(response, 256 * 1024 * 1024, url.host)).toString("utf8");
  if (String(response.headers["content-type"] ?? "").includes("json")) {
    try {
      const doc = JSON.parse(body) as { projects?: { name?: unknown }[] };
      if (Array.isArray(doc.projects)) return doc.projects.map((p) => p.name).filter((n): n is string => typeof n === "string");
    } catch {
      // reported below
    }
    throw upstreamFailed(url.host, "sent a root index Gatehouse cannot read");
  }
  return parseSimpleProjectHtml(body).map((a) => a.filename);
}
