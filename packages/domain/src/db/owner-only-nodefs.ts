import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type NodeFsInit = Awaited<ReturnType<NodeFS["init"]>>;
type EmscriptenModuleOpts = NodeFsInit["emscriptenOpts"];
type SetAttr = (stream: unknown, node: unknown, attr: { mode?: number }) => void;

/** Group and other permission bits: none of them is ever set on a database file. */
const GROUP_OTHER = 0o077;

/**
 * PGlite's Node filesystem, with every file it creates or chmods owner-only. Emscripten creates
 * each file Postgres opens with mode 0666 and then chmods it to that explicitly, so the process
 * umask does not apply (a fresh database had 969 world-writable files). Every mode change in
 * Emscripten's FS goes through `FS.doSetAttr`; masking it there covers files made while running
 * (WAL segments, new relations), which a chmod after start would miss.
 * @example
 * const client = new PGlite({ fs: new OwnerOnlyNodeFS(join(dataDir, "pgdata")) });
 */
export class OwnerOnlyNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Partial<EmscriptenModuleOpts>): Promise<NodeFsInit> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod) => {
        const fs = mod.FS as unknown as { doSetAttr?: SetAttr };
        const original = fs.doSetAttr;
        // A PGlite whose FS lacks the hook still runs; the data folder sweep at start then catches its files.
        if (typeof original !== "function") return;
        fs.doSetAttr = (stream, node, attr) =>
          original(stream, node, attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~GROUP_OTHER });
      },
    ];
    return result;
  }
}
