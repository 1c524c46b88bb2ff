import type { DomainContext } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { fetchBiocRelease } from "./bioc-upstream.js";
import { fetchCondaSubdirs } from "./conda-upstream.js";
import { upstreamTokenOf } from "./index-plans.js";
import { BIOC_SECTIONS, type MirrorIndex } from "./mirror-index.js";

/**
 * The aggregate indexes `gatehouse sync` mirrors for a source: a CRAN-like
 * repo's src/contrib; every section of the Bioconductor release this server
 * serves (checked against the mirror's config.yaml when `checkUpstream`); a
 * conda channel's noarch and the subdirs its channeldata.json lists.
 * Python sources have none (they are read per project).
 */
export async function syncIndexesOf(ctx: DomainContext, source: SourceRow, checkUpstream: boolean): Promise<MirrorIndex[]> {
  const options = { settings: ctx.settings.upstream, token: upstreamTokenOf(ctx, source) };
  const upstream = source.upstream_url ?? "";
  if (source.kind === "r") return [{ kind: "cran" }];
  if (source.kind === "bioconductor") {
    // The release clients are sent to is ours (config.yaml is rendered from the setting); the mirror must be one.
    if (checkUpstream) await fetchBiocRelease(upstream, options);
    const version = ctx.settings.biocRelease;
    return BIOC_SECTIONS.map((section) => ({ kind: "bioc", version, section }));
  }
  if (source.kind === "conda") return (await fetchCondaSubdirs(upstream, options)).map((subdir) => ({ kind: "conda", subdir }));
  return [];
}
