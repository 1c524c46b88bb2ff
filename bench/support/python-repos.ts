import { createHash } from "node:crypto";
import { LOCAL_ACTOR, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import { seedFiles } from "@gatehouse/domain/test-support";

/** The authenticated repo and the public one, both serving the same local source. */
export const AUTH_REPO = "pyauth";
export const PUBLIC_REPO = "pypub";

/** Where to build the repos: a data folder (PGlite) and optionally a Postgres URL. */
export interface PopulateTarget {
  dataDir: string;
  databaseUrl?: string;
}

/** The name of the i-th bench project. */
export function projectName(i: number): string {
  return `bench-project-${String(i).padStart(6, "0")}`;
}

/**
 * Creates `pyauth` (authenticated) and `pypub` (public) over one local source holding `projects`
 * projects of two wheels each, written straight into the database in batches; returns a
 * `repos:read` token for `pyauth`.
 * @example const token = await populatePythonRepos({ dataDir }, 20_000)
 */
export async function populatePythonRepos(target: PopulateTarget, projects: number): Promise<string> {
  const domain = await openDomain({ dataDir: target.dataDir, role: "bench", ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) });
  try {
    const source = await createSource(domain, LOCAL_ACTOR, { name: "bench-local", kind: "python" });
    for (const [name, authenticated] of [
      [AUTH_REPO, true],
      [PUBLIC_REPO, false],
    ] as const) {
      await createRepo(domain, LOCAL_ACTOR, { name, type: "python", authenticated });
      await subscribe(domain, LOCAL_ACTOR, { repo: name, source: "bench-local" });
    }
    const now = new Date();
    for (let start = 0; start < projects; start += 1000) {
      const rows = [];
      for (let i = start; i < Math.min(projects, start + 1000); i++) {
        const name = projectName(i);
        for (const version of ["1.0", "1.1"]) {
          const filename = `${name.replace(/-/g, "_")}-${version}-py3-none-any.whl`;
          rows.push({
            id: `file_${i}_${version}`,
            source_id: source.id,
            filename,
            project: name,
            name,
            version,
            kind: "wheel" as const,
            sha256: createHash("sha256").update(filename).digest("hex"),
            md5: createHash("md5").update(filename).digest("hex"),
            size: 12_345,
            subdir: null,
            bioc_version: null,
            metadata: JSON.stringify({ requiresPython: ">=3.8", requiresDist: [] }),
            uploaded_by: "bench",
            published_at: now,
            removed_at: null,
            yanked_reason: null,
          });
        }
      }
      await seedFiles(domain, rows);
    }
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: [AUTH_REPO], description: "bench", user: "bench" });
    return created.token;
  } finally {
    await domain.close();
  }
}
