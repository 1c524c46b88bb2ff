import type { DomainContext } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { cranContribUrl, fetchBiocSection } from "./bioc-upstream.js";
import { fetchCondaSubdir } from "./conda-upstream.js";
import type { IndexFetchOptions, IndexValidators } from "./index-download.js";
import { type MirrorIndex, indexKey } from "./mirror-index.js";
import type { MirroredFile } from "./mirrored-file.js";
import { fetchPythonProject } from "./python-upstream.js";
import { fetchContribIndex } from "./r-upstream.js";
import { upstreamFailed, upstreamHostOf } from "./upstream-error.js";

/** What refreshing one thing of a remote source reads: its freshness key and how to fetch its files. */
export interface RefreshPlan {
  key: string;
  fetch(): Promise<MirroredFile[]>;
}

/** The token a source's upstream is sent, read by name from the server's environment. */
export function upstreamTokenOf(ctx: DomainContext, source: SourceRow): string | undefined {
  return source.upstream_token_env ? ctx.settings.upstream.secret(source.upstream_token_env) : undefined;
}

function optionsOf(ctx: DomainContext, source: SourceRow, validators: Map<string, IndexValidators>): IndexFetchOptions {
  return { settings: ctx.settings.upstream, token: upstreamTokenOf(ctx, source), validators };
}

/** One python project's page (PEP 691/503); a project the upstream lacks has no files. */
export function pythonProjectPlan(ctx: DomainContext, source: SourceRow, project: string): RefreshPlan {
  return {
    key: project,
    async fetch() {
      const files = await fetchPythonProject(source.upstream_url ?? "", project, ctx.settings.upstream, upstreamTokenOf(ctx, source));
      return (files ?? []).map((f) => ({
        filename: f.filename,
        project,
        name: f.name,
        version: f.version,
        kind: f.kind,
        sha256: f.sha256,
        md5: "",
        size: f.size ?? 0,
        subdir: null,
        biocVersion: null,
        metadata: f.requiresPython ? { requiresPython: f.requiresPython } : {},
        url: f.url,
        yanked: f.yanked,
      }));
    },
  };
}

/**
 * How a source reads an aggregate index, or undefined when the source does not
 * serve that index (a conda subdir asked of an R source, say).
 */
export function indexPlan(ctx: DomainContext, source: SourceRow, index: MirrorIndex, validators: Map<string, IndexValidators>): RefreshPlan | undefined {
  const upstream = source.upstream_url ?? "";
  const options = optionsOf(ctx, source, validators);
  const key = indexKey(index);
  if (source.kind === "r" && index.kind === "cran") {
    return {
      key,
      async fetch() {
        const files = await fetchContribIndex(cranContribUrl(upstream), { biocVersion: null, subdir: null }, options);
        if (files === null) throw upstreamFailed(upstreamHostOf(upstream), "has no src/contrib/PACKAGES: give the URL of a CRAN-like repo (the folder holding src/)");
        return files;
      },
    };
  }
  if (source.kind === "bioconductor" && index.kind === "bioc") return { key, fetch: () => fetchBiocSection(upstream, index.version, index.section, options) };
  if (source.kind === "conda" && index.kind === "conda") return { key, fetch: () => fetchCondaSubdir(upstream, index.subdir, options) };
  return undefined;
}
