import type { CatalogFilter, Domain, PackageFileRow, RepoReader } from "@gatehouse/domain";
import { PACKAGES_FIELDS, rdsCell, rdsHeader, rdsTrailer, renderPackagesFile } from "@gatehouse/repo-index";
import { AggregateIndexes } from "../aggregate/aggregate-indexes.js";
import { assemble, segmentDocument } from "../aggregate/deflate-segments.js";
import { documentPage, joinLines } from "../aggregate/document-page.js";
import type { IndexEntry, IndexSpec } from "../aggregate/project-index.js";
import { type CachedPage, makePage } from "../cached-page.js";
import type { IndexFile } from "./cran-route.js";
import { selectNewestPerPackage, toPackagesEntry } from "./packages-entries.js";

/** One package's PACKAGES record (its newest version) and the DCF stanza it renders to; key is the package. */
interface Stanza extends IndexEntry {
  entry: Record<string, string>;
  text: string;
}

function stanzasOf(project: string, rows: readonly PackageFileRow[]): Stanza[] {
  const newest = selectNewestPerPackage(rows).get(project);
  if (!newest) return [];
  const entry = toPackagesEntry(newest);
  return [{ section: 0, key: project, project, entry, text: renderPackagesFile([entry]) }];
}

function renderStanzas(visible: readonly Stanza[], leading: boolean): Buffer {
  return joinLines(
    visible.map((s) => s.text),
    leading,
    "\n",
  );
}

// One pass per column: R serializes the matrix column by column.
const RDS_COLUMNS = PACKAGES_FIELDS.map((field) => ({
  section: 0,
  pass: `rds:${field}`,
  render: (visible: readonly Stanza[]) => Buffer.concat(visible.map((s) => rdsCell(s.entry, field))),
}));

/**
 * `latest` PACKAGES, PACKAGES.gz and PACKAGES.rds of each folder, kept incrementally: after a publish
 * the next request reads that package's rows and re-renders the chunk of ~256 stanzas (and of rds
 * cells) it sits in; the three files are joined from cached, already-compressed pieces.
 */
export class PackagesIndexes {
  private readonly indexes: AggregateIndexes<Stanza, CachedPage>;

  constructor(domain: Domain) {
    this.indexes = new AggregateIndexes(domain);
  }

  /**
   * One of the folder's three files for this viewer, or undefined when this reader raced a change
   * (render in full instead). Each file is made on its first request after a change, from the same
   * cached pieces: a publish costs the next PACKAGES.gz request no PACKAGES.rds.
   */
  load(reader: RepoReader, folderKey: string, filter: CatalogFilter, file: IndexFile): Promise<CachedPage | undefined> {
    const spec: IndexSpec<Stanza> = { filter, sections: 1, entriesOf: stanzasOf };
    return this.indexes.document(reader, folderKey, spec, file, (view) => {
      if (file === "PACKAGES.rds") {
        const [rows = 0] = view.counts();
        const rds = segmentDocument(view.segments([{ literal: rdsHeader(rows) }, ...RDS_COLUMNS, { literal: rdsTrailer(rows) }]));
        return makePage(Buffer.concat(rds.gzip, rds.gzipLength), "application/octet-stream");
      }
      const text = view.segments([{ section: 0, pass: "dcf", render: renderStanzas }]);
      if (file === "PACKAGES.gz") {
        const gz = segmentDocument(text);
        return makePage(Buffer.concat(gz.gzip, gz.gzipLength), "application/x-gzip");
      }
      return documentPage(assemble(text, true), "text/plain; charset=utf-8");
    });
  }
}
