import type { Kysely } from "kysely";
import type { Database, RepoRow, SourceRow } from "../db/index.js";

/** A repo row plus its subscribed sources in priority order. */
export interface RepoWithSources extends RepoRow {
  sourceRows: SourceRow[];
}

/** Finds a repo by name. */
export async function findRepoByName(db: Kysely<Database>, name: string): Promise<RepoRow | undefined> {
  return db.selectFrom("repos").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Finds a source by name. */
export async function findSourceByName(db: Kysely<Database>, name: string): Promise<SourceRow | undefined> {
  return db.selectFrom("sources").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Subscribed sources of a repo, first (highest priority) first. */
export async function selectRepoSources(db: Kysely<Database>, repoId: string): Promise<SourceRow[]> {
  return db
    .selectFrom("repo_sources")
    .innerJoin("sources", "sources.id", "repo_sources.source_id")
    .selectAll("sources")
    .where("repo_sources.repo_id", "=", repoId)
    .orderBy("repo_sources.position")
    .execute();
}

/** Every repo with its sources (one query for repos, one for subscriptions). */
export async function selectReposWithSources(db: Kysely<Database>): Promise<RepoWithSources[]> {
  const repos = await db.selectFrom("repos").selectAll().orderBy("name").execute();
  const subs = await db
    .selectFrom("repo_sources")
    .innerJoin("sources", "sources.id", "repo_sources.source_id")
    .selectAll("sources")
    .select(["repo_sources.repo_id", "repo_sources.position"])
    .orderBy("repo_sources.position")
    .execute();
  return repos.map((r) => ({
    ...r,
    sourceRows: subs.filter((s) => s.repo_id === r.id).map(({ repo_id: _r, position: _p, ...source }) => source),
  }));
}

/** Ids of repos subscribed to a source. */
export async function selectReposOfSource(db: Kysely<Database>, sourceId: string): Promise<string[]> {
  const rows = await db.selectFrom("repo_sources").select("repo_id").where("source_id", "=", sourceId).execute();
  return rows.map((r) => r.repo_id);
}

/** The next free subscription position of a repo. */
export async function nextPosition(db: Kysely<Database>, repoId: string): Promise<number> {
  const row = await db
    .selectFrom("repo_sources")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("repo_id", "=", repoId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}
