import type { Domain, PackageFileRow, RepoReader } from "@gatehouse/domain";
import { SIMPLE_JSON_CONTENT_TYPE, SIMPLE_ROOT_JSON_FRAME, renderSimpleRootHtml, renderSimpleRootJson, simpleRootHtmlFrame, simpleRootHtmlLink } from "@gatehouse/repo-index";
import { AggregateIndexes } from "../aggregate/aggregate-indexes.js";
import { documentPage, joinLines } from "../aggregate/document-page.js";
import type { IndexEntry, IndexSpec } from "../aggregate/project-index.js";
import { type CachedPage, makePage } from "../cached-page.js";
import type { ProtocolDeps } from "../protocol-deps.js";

/** One project of the root list: key is the normalized name (python projects are stored normalized). */
interface RootLine extends IndexEntry {
  html: string;
  json: string;
}

const HEADERS = { Vary: "Accept" } as const;
const HTML_FRAME = simpleRootHtmlFrame();

/** The name a project is listed under: as its most recent upload spells it (ties: the smaller spelling), so the choice never depends on row order. */
function listedName(rows: readonly PackageFileRow[]): string | undefined {
  let best: PackageFileRow | undefined;
  for (const row of rows) {
    if (!best || row.published_at > best.published_at || (row.published_at.getTime() === best.published_at.getTime() && row.name < best.name)) best = row;
  }
  return best?.name;
}

function linesOf(project: string, rows: readonly PackageFileRow[]): RootLine[] {
  const name = listedName(rows);
  if (name === undefined) return [];
  return [{ section: 0, key: project, project, html: `${simpleRootHtmlLink(project, name)}\n`, json: JSON.stringify({ name }) }];
}

const SPEC: IndexSpec<RootLine> = { filter: {}, sections: 1, entriesOf: linesOf };

/** The root page rendered in full from rows (snapshots, and reads that raced a change). */
export function renderRootPage(rows: readonly PackageFileRow[], contentType: string): CachedPage {
  const byProject = new Map<string, PackageFileRow[]>();
  for (const row of rows) byProject.set(row.project, [...(byProject.get(row.project) ?? []), row]);
  const projects = [...byProject.values()].map((list) => ({ name: listedName(list) ?? "" }));
  const body = contentType === SIMPLE_JSON_CONTENT_TYPE ? renderSimpleRootJson(projects) : renderSimpleRootHtml(projects);
  return makePage(body, contentType, HEADERS);
}

const registries = new WeakMap<Domain, AggregateIndexes<RootLine, CachedPage>>();

/**
 * `/simple/` (PEP 503 HTML or PEP 691 JSON). `latest` is kept incrementally — after a publish the
 * next request reads that project's rows and re-renders the chunk of ~256 links it sits in — and
 * dated snapshots are rendered once per change through the page cache.
 */
export async function simpleRootPage(deps: ProtocolDeps, reader: RepoReader, snapshot: string, at: Date | null, contentType: string): Promise<CachedPage> {
  const full = async () => renderRootPage(await reader.files(at), contentType);
  if (at !== null) return deps.cache.get(reader, `simple\u0000${snapshot}\u0000${reader.viewerKey}\u0000${contentType}\u0000`, "*", full);
  let registry = registries.get(deps.domain);
  if (!registry) {
    registry = new AggregateIndexes(deps.domain);
    registries.set(deps.domain, registry);
  }
  const json = contentType === SIMPLE_JSON_CONTENT_TYPE;
  const page = await registry.document(reader, "simple", SPEC, contentType, (view) => {
    const doc = json
      ? view.assemble([{ literal: SIMPLE_ROOT_JSON_FRAME.head }, { section: 0, pass: "json", render: (lines, leading) => joinLines(lines.map((l) => l.json), leading, ",") }, { literal: SIMPLE_ROOT_JSON_FRAME.tail }], true)
      : view.assemble([{ literal: HTML_FRAME.head }, { section: 0, pass: "html", render: (lines) => joinLines(lines.map((l) => l.html), false, "") }, { literal: HTML_FRAME.tail }], true);
    return documentPage(doc, contentType, HEADERS);
  });
  return page ?? full();
}
