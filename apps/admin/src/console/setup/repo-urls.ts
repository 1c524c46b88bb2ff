/** A repo as the URL builders need it. */
export interface RepoRef {
  name: string;
  type: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The snapshot segment of a repo URL: a `YYYY-MM-DD` date, else `latest` (SPEC §2).
 * @example snapshotSegment("2025-01-31") // "2025-01-31"
 * @example snapshotSegment("") // "latest"
 */
export function snapshotSegment(date: string): string {
  return DATE.test(date) ? date : "latest";
}

/**
 * A repo's base URL at a snapshot, e.g. what R's `repos` option and BioC_mirror take.
 * @example repoBaseUrl("http://h:4242", "cran", "") // "http://h:4242/cran/latest"
 */
export function repoBaseUrl(origin: string, repo: string, date: string): string {
  return `${origin}/${encodeURIComponent(repo)}/${snapshotSegment(date)}`;
}

/**
 * The index a client of the repo's type reads first: the simple index, PACKAGES, BiocManager's config, or noarch repodata.
 * @example repoIndexUrl("http://h:4242", { name: "pypi", type: "python" }, "2025-01-31") // "http://h:4242/pypi/2025-01-31/simple/"
 */
export function repoIndexUrl(origin: string, repo: RepoRef, date: string): string {
  const base = repoBaseUrl(origin, repo.name, date);
  switch (repo.type) {
    case "python":
      return `${base}/simple/`;
    case "conda":
      return `${base}/noarch/repodata.json`;
    case "bioconductor":
      return `${base}/config.yaml`;
    default:
      return `${base}/src/contrib/PACKAGES`;
  }
}

/**
 * The host a netrc entry names: no scheme, port or path (SPEC §6).
 * @example netrcHost("http://127.0.0.1:4242") // "127.0.0.1"
 */
export function netrcHost(origin: string): string {
  try {
    return new URL(origin).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return origin;
  }
}

/**
 * A conda channel URL with the token in its `/t/<token>/` segment (conda's own convention).
 * @example condaChannelUrl("http://h:4242", "conda", "", "<token>") // "http://h:4242/t/<token>/conda/latest"
 */
export function condaChannelUrl(origin: string, repo: string, date: string, token: string): string {
  return `${origin}/t/${token}/${encodeURIComponent(repo)}/${snapshotSegment(date)}`;
}

/**
 * Where one package's index lives at a snapshot: its own simple page for python, else the repo's index.
 * @example packageIndexUrl("http://h:4242", { name: "pypi", type: "python" }, "requests", "") // "http://h:4242/pypi/latest/simple/requests/"
 */
export function packageIndexUrl(origin: string, repo: RepoRef, project: string, date: string): string {
  if (repo.type === "python") return `${repoBaseUrl(origin, repo.name, date)}/simple/${encodeURIComponent(project)}/`;
  return repoIndexUrl(origin, repo, date);
}
