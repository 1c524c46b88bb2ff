import type { RepoType } from "../db/index.js";

/** Every repo type (and source kind). */
export const REPO_TYPES: readonly RepoType[] = ["python", "r", "bioconductor", "conda"];

/** A repository as callers see it. */
export interface RepoInfo {
  id: string;
  name: string;
  type: RepoType;
  description: string;
  authenticated: boolean;
  /** Subscribed source names, in priority order (first wins on a name+version clash). */
  sources: string[];
  createdAt: string;
}

/** A source as callers see it. */
export interface SourceInfo {
  id: string;
  name: string;
  kind: RepoType;
  type: "local" | "remote";
  /** Remote sources: the upstream index they mirror (never with credentials). */
  upstream: string | null;
  /** Remote sources: the name of the server environment variable holding the upstream token. */
  upstreamTokenEnv: string | null;
  createdAt: string;
}

/** Whether a source of this kind can feed a repo of that type. */
export function isCompatible(repoType: RepoType, sourceKind: RepoType): boolean {
  if (repoType === sourceKind) return true;
  // A Bioconductor repo serves CRAN-style layouts, so it can also carry plain R sources.
  return repoType === "bioconductor" && sourceKind === "r";
}
