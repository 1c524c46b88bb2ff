import type { Domain, PackageFileRow, RepoReader } from "@gatehouse/domain";
import { repodataFrame, repodataRecordLine } from "@gatehouse/repo-index";
import { AggregateIndexes } from "../aggregate/aggregate-indexes.js";
import { type SegmentedDocument, segmentDocument } from "../aggregate/deflate-segments.js";
import { joinLines } from "../aggregate/document-page.js";
import type { IndexEntry, IndexSpec } from "../aggregate/project-index.js";
import { toEntry } from "./conda-pages.js";

/** One record of repodata.json: section 0 is `packages` (.tar.bz2), 1 is `packages.conda`; key is the filename. */
interface RepodataLine extends IndexEntry {
  line: string;
}

function linesOf(project: string, rows: readonly PackageFileRow[]): RepodataLine[] {
  const out = new Map<string, RepodataLine>();
  for (const row of rows) {
    const entry = toEntry(row);
    if (!entry) continue;
    const section = entry.format === "conda" ? 1 : 0;
    // The first record given for a filename wins, as in renderRepodata.
    const id = `${section}\u0000${entry.filename}`;
    if (!out.has(id)) out.set(id, { section, key: entry.filename, project, line: repodataRecordLine(entry.filename, entry.record) });
  }
  return [...out.values()];
}

function renderChunk(visible: readonly RepodataLine[], leading: boolean): Buffer {
  return joinLines(
    visible.map((e) => e.line),
    leading,
    ",\n",
    "\n",
  );
}

/**
 * `latest` `<subdir>/repodata.json` of each label, kept incrementally: after a publish the next
 * request reads the changed project's rows and re-renders the ~256-record chunk(s) it sits in; the
 * document and its gzip form are laid out from cached pieces, never joined (see respondWithDocument).
 */
export class RepodataIndexes {
  private readonly indexes: AggregateIndexes<RepodataLine, SegmentedDocument>;

  constructor(domain: Domain) {
    this.indexes = new AggregateIndexes(domain);
  }

  /** The document, or undefined when this reader raced a change (render it in full instead). */
  document(reader: RepoReader, label: string, subdir: string): Promise<SegmentedDocument | undefined> {
    const spec: IndexSpec<RepodataLine> = { filter: { label, subdir }, sections: 2, entriesOf: linesOf };
    return this.indexes.document(reader, `${label}\u0000${subdir}`, spec, "repodata.json", (view) => {
      const [bz2 = 0, conda = 0] = view.counts();
      const frame = repodataFrame(subdir);
      return segmentDocument(
        view.segments([
          { literal: frame.head },
          { section: 0, pass: "record", render: renderChunk },
          { literal: (bz2 > 0 ? "\n" : "") + frame.between },
          { section: 1, pass: "record", render: renderChunk },
          { literal: (conda > 0 ? "\n" : "") + frame.tail },
        ]),
      );
    });
  }
}
