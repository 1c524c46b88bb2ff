import { isSamePep440 } from "@gatehouse/repo-index";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import type { InspectedFile } from "./inspected-file.js";

/** The source a file is being published into. */
export interface SdistTarget {
  sourceId: string;
  sourceName: string;
}

/**
 * PyPI allows one sdist per release (PEP 625 names it `{name}-{version}.tar.gz`; `.zip` is legacy):
 * a second one under another filename — `.zip` after `.tar.gz`, another spelling of the name, `1.0.0`
 * after `1.0` — is refused with 409 CONFLICT, since pip would pick either. Removed sdists do not count.
 * Inside a transaction pass `lock: true`: concurrent publishes of one project then take turns, so two
 * racing sdists cannot both pass the check.
 *
 * @example await refuseSecondSdist(tx, { sourceId: source.id, sourceName: source.name }, inspected, filename, { lock: true });
 */
export async function refuseSecondSdist(
  db: Kysely<Database>,
  target: SdistTarget,
  inspected: Pick<InspectedFile, "kind" | "project" | "version">,
  filename: string,
  options: { lock?: boolean } = {},
): Promise<void> {
  if (inspected.kind !== "sdist") return;
  if (options.lock) {
    await sql`select pg_advisory_xact_lock(hashtext(${`gatehouse.sdist/${target.sourceId}/${inspected.project}`}))`.execute(db);
  }
  const sdists = await db
    .selectFrom("package_files")
    .select(["filename", "version"])
    .where("source_id", "=", target.sourceId)
    .where("project", "=", inspected.project)
    .where("kind", "=", "sdist")
    .where("removed_at", "is", null)
    .execute();
  const other = sdists.find((f) => f.filename !== filename && isSamePep440(f.version, inspected.version));
  if (other) {
    throw new DomainError(
      "CONFLICT",
      `${filename}: release ${inspected.project} ${inspected.version} in source '${target.sourceName}' already has an sdist (${other.filename}); only one sdist is allowed per release: publish a new version instead`,
      "file",
    );
  }
}
